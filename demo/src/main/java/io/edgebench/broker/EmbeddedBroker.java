package io.edgebench.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.edgebench.demo.LocalBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * HiveMQ CE running in this process as an MQTT 5 broker on 127.0.0.1, in-memory persistence, for `edgebench demo`
 * and the tests. It accepts anonymous clients, so it never binds anything but loopback.
 * Start takes about 1 s; stop about 4 s (a fixed graceful wait in HiveMQ's network layer).
 */
public final class EmbeddedBroker implements LocalBroker {
    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final long START_TIMEOUT_S = 60;
    private static final long STOP_TIMEOUT_S = 30;

    private Path home;
    private EmbeddedHiveMQ hivemq;
    private String url;

    /**
     * Starts on {@code port}, or on a free port when {@code port} is 0. A free port is picked by binding and
     * releasing it, so another process can take it in between: then a fresh port is tried (3 attempts).
     */
    @Override
    public synchronized String start(int port) throws IOException {
        if (hivemq != null) {
            throw new IllegalStateException("EmbeddedBroker is already running at " + url);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port [" + port + "] must be 0 (a free port) or 1..65535");
        }
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? START_ATTEMPTS : 1); attempt++) {
            int chosen = port == 0 ? freePort() : port;
            try {
                startOn(chosen);
                url = "tcp://" + HOST + ":" + chosen;
                return url;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public synchronized String url() {
        if (url == null) {
            throw new IllegalStateException("EmbeddedBroker is not running; call start(port) first");
        }
        return url;
    }

    @Override
    public synchronized void close() {
        EmbeddedHiveMQ running = hivemq;
        hivemq = null;
        url = null;
        try {
            if (running != null) {
                running.stop().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
                // close() also ends HiveMQ's non-daemon state-change thread, which would keep the JVM alive
                running.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Embedded MQTT broker did not stop cleanly: " + e.getMessage(), e);
        } finally {
            deleteHome();
        }
    }

    private void startOn(int port) throws IOException {
        home = Files.createTempDirectory("edgebench-broker-");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), BrokerConfig.xml(HOST, port), StandardCharsets.UTF_8);
        EmbeddedHiveMQ candidate = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(home.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
                // HiveMQ's own logging bootstrap takes over java.util.logging; logback.xml in this jar keeps it quiet
                .withoutLoggingBootstrap()
                .build();
        try {
            candidate.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
            hivemq = candidate;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(candidate);
            throw new IOException("Interrupted while starting the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException e) {
            abandon(candidate);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IOException(
                    "Embedded MQTT broker could not start on " + HOST + ":" + port + ": " + cause.getMessage()
                            + " (is the port in use? try another --port, or 0 for a free one)",
                    cause);
        }
    }

    private void abandon(EmbeddedHiveMQ candidate) {
        try {
            candidate.stop().get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            candidate.close();
        } catch (Exception ignored) {
            // the start already failed; that error is the one to report
        }
        deleteHome();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private void deleteHome() {
        if (home == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless; never hide the broker's real state behind it
        }
        home = null;
    }
}

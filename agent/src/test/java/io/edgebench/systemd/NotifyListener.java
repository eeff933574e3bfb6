package io.edgebench.systemd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fake systemd notification socket: runs the test helper agent/src/test/c/notify_listener.c (the JDK cannot
 * receive unix datagrams) and collects what it received, with the helper's CLOCK_MONOTONIC times.
 */
public final class NotifyListener implements AutoCloseable {
    /** One datagram: when it arrived (ms, monotonic) and its text (newlines shown as |). */
    public record Datagram(long atMs, String text) {}

    private final Process process;
    private final List<Datagram> received = new ArrayList<>();
    private final Thread reader;

    private NotifyListener(Process process, CountDownLatch listening) {
        this.process = process;
        this.reader = new Thread(() -> read(listening), "notify-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** Binds {@code socket} ("/path" or "@abstract") and returns once the helper listens. */
    public static NotifyListener start(String socket) throws IOException, InterruptedException {
        Path helper = Path.of(System.getProperty("edgebench.test.natives", "target/test-natives"), "notify_listener");
        assumeTrue(Files.isExecutable(helper), "notify_listener not built (" + helper + "): run through Maven");
        Process p = new ProcessBuilder(helper.toString(), socket, "60", "170")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        CountDownLatch listening = new CountDownLatch(1);
        NotifyListener l = new NotifyListener(p, listening);
        if (!listening.await(20, TimeUnit.SECONDS)) {
            l.close();
            throw new IOException("notify_listener did not bind " + socket);
        }
        return l;
    }

    private void read(CountDownLatch listening) {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("listening ")) {
                    listening.countDown();
                    continue;
                }
                int space = line.indexOf(' ');
                synchronized (received) {
                    received.add(new Datagram(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                }
            }
        } catch (IOException e) {
            // the helper ended: what it printed is all there is
        }
    }

    public List<Datagram> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public long count(String text) {
        return received().stream().filter(d -> d.text().equals(text)).count();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}

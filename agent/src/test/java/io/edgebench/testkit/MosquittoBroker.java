package io.edgebench.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's mosquitto started by the test on a free loopback port; tests skip (Assumptions) when it is not installed.
 * Set EDGEBENCH_MOSQUITTO to use another binary.
 */
public final class MosquittoBroker implements TestBroker {
    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;
    private int port2;

    private MosquittoBroker(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** The mosquitto binary, or a skipped test. */
    public static Path binary() {
        String env = System.getenv("EDGEBENCH_MOSQUITTO");
        for (String candidate :
                new String[] {env, "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        Assumptions.abort("mosquitto is not installed (apt-get install mosquitto mosquitto-clients; .ci/run does)");
        return null;
    }

    /** A client tool such as mosquitto_rr, or a skipped test. */
    public static Path client(String name) {
        for (String dir : new String[] {"/usr/bin", "/usr/local/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Assumptions.abort(name + " is not installed (apt-get install mosquitto-clients)");
        return null;
    }

    public static MosquittoBroker start(Path dir) throws IOException {
        return start(dir, false);
    }

    /**
     * @param persistent keep sessions and queued QoS 1 messages across a kill and restart (saved every second), so a
     *     test's subscriber misses nothing while the broker is down
     */
    public static MosquittoBroker start(Path dir, boolean persistent) throws IOException {
        return start(dir, persistent, java.util.List.of());
    }

    /**
     * @param extra more mosquitto.conf lines, applying to the test's listener (e.g. {@code message_size_limit 1000},
     *     {@code acl_file /path}); {@code %PORT2%} in a line is replaced by a second free port, see {@link #port2()}
     */
    public static MosquittoBroker start(Path dir, boolean persistent, java.util.List<String> extra) throws IOException {
        Files.createDirectories(dir);
        MosquittoBroker b = new MosquittoBroker(binary(), dir, freePort());
        b.port2 = freePort();
        java.util.List<String> lines = extra.stream()
                .map(l -> l.replace("%PORT2%", Integer.toString(b.port2)))
                .toList();
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                String.join(
                        "\n",
                        "per_listener_settings false",
                        "listener " + b.port + " 127.0.0.1",
                        "allow_anonymous true",
                        // Run as root, mosquitto drops to user "mosquitto", which cannot write the test's persistence
                        // dir.
                        "user " + System.getProperty("user.name"),
                        "set_tcp_nodelay true",
                        persistent
                                ? "persistence true\npersistence_location " + dir + "/\nautosave_interval 1"
                                : "persistence false",
                        "max_queued_messages 100000",
                        "log_dest stderr",
                        "log_type error",
                        "log_type warning",
                        String.join("\n", lines),
                        ""));
        b.restart();
        return b;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void restart() throws IOException {
        process = new ProcessBuilder(
                        binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        Awaitility.await("mosquitto listening on " + port)
                .atMost(10, TimeUnit.SECONDS)
                .pollInterval(20, TimeUnit.MILLISECONDS)
                .until(this::listening);
    }

    /** The second free port reserved for an extra listener ({@code %PORT2%} in the extra lines). */
    public int port2() {
        return port2;
    }

    /** SIGSTOP: the broker hangs (TCP connects still complete in the kernel, nothing answers). */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** SIGHUP: mosquitto reloads its config, ACL file included. */
    public void reload() throws IOException, InterruptedException {
        signal("-HUP");
    }

    public Path dir() {
        return dir;
    }

    private void signal(String sig) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", sig, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new IOException("kill " + sig + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM: mosquitto saves its persistence file (sessions, queues, retained messages) and exits. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited: see " + dir.resolve("mosquitto.log"));
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

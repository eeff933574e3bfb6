package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestCerts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that talks to a broker takes the same broker options (BrokerOptions) and reaches a TLS-only
 * mosquitto with a private CA, client certificates and a password: agent, fleet status, send, collect and
 * homeassistant remove run as child JVMs of the CLI, and the test reads their stdout and exit codes. Without the CA
 * the same command fails: the options are what makes it work.
 */
@Tag("slow")
class BrokerOptionsTlsProcessTest {
    private static final String DEV = "tlsdev";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyBrokerCommand_reachesATlsOnlyBroker_withTheSameOptions() throws Exception {
        TestCerts ca = TestCerts.ca(tmp.resolve("certs"), "ca");
        Path[] server = ca.issue("server", "IP:127.0.0.1", 2);
        Path[] client = ca.issue("client", "DNS:client.example", 2);
        Path passwords = tmp.resolve("passwd");
        Process hash = new ProcessBuilder(
                        MosquittoBroker.client("mosquitto_passwd").toString(),
                        "-b",
                        "-c",
                        passwords.toString(),
                        "bench",
                        "s3cret")
                .redirectErrorStream(true)
                .start();
        assertTrue(hash.waitFor(30, TimeUnit.SECONDS) && hash.exitValue() == 0, "mosquitto_passwd failed");
        Path passwordFile = Files.writeString(tmp.resolve("mqtt-password"), "s3cret\n");
        List<String> conf = new ArrayList<>(ca.tlsOnly(server, true));
        conf.addAll(List.of("allow_anonymous false", "password_file " + passwords));
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"), false, conf)) {
            String url = "ssl://127.0.0.1:" + broker.port();
            List<String> tls = List.of(
                    "--broker",
                    url,
                    "--ca-file",
                    ca.caPem().toString(),
                    "--cert-file",
                    client[0].toString(),
                    "--key-file",
                    client[1].toString(),
                    "--username",
                    "bench",
                    "--password-file",
                    passwordFile.toString());
            Files.writeString(tmp.resolve("agent.yaml"), "data_dir: " + tmp.resolve("data") + "\n");
            Process agent = start(
                    "agent",
                    join(
                            List.of(
                                    "agent",
                                    "--config",
                                    tmp.resolve("agent.yaml").toString(),
                                    "--device-id",
                                    DEV,
                                    "--warm-worker",
                                    "off"),
                            tls));
            try {
                try {
                    Awaitility.await("fleet status lists " + DEV)
                            .atMost(WAIT)
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> {
                                Run r = run("fleet", join(List.of("fleet", "status", "--wait", "5"), tls));
                                return r.exit == ExitCode.OK && r.stdout.contains(DEV);
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(
                            "fleet status: " + Files.readString(tmp.resolve("fleet.err")) + "\nagent: " + log("agent"),
                            e);
                }

                Run ping = run("send", join(List.of("send", "--device", DEV, "--timeout", "20"), tls, List.of("ping")));
                assertEquals(ExitCode.OK, ping.exit, ping.toString());
                assertTrue(ping.stdout.startsWith("pong: edgebench"), ping.toString());

                Run removed = run("ha", join(List.of("homeassistant", "remove", "--device", DEV), tls));
                assertEquals(ExitCode.OK, removed.exit, removed.toString());
                assertTrue(
                        removed.stdout.contains("removed: empty retained config on homeassistant/"),
                        removed.toString());

                Process collect = start(
                        "collect",
                        join(
                                List.of(
                                        "collect",
                                        "--db",
                                        "jdbc:sqlite:" + tmp.resolve("results.db"),
                                        "--client-id",
                                        "tls-collector"),
                                tls));
                try {
                    Awaitility.await("collect subscribed")
                            .atMost(WAIT)
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> log("collect").contains("collect event=subscribed"));
                } finally {
                    collect.destroy();
                    assertTrue(collect.waitFor(30, TimeUnit.SECONDS));
                }

                // The control: the same command without the private CA cannot trust the broker.
                List<String> noCa = new ArrayList<>(tls);
                noCa.subList(2, 4).clear();
                Run untrusted = run("untrusted", join(List.of("fleet", "status", "--wait", "1"), noCa));
                assertEquals(ExitCode.UNAVAILABLE, untrusted.exit, untrusted.toString());
                assertTrue(untrusted.stderr.contains("PKIX"), untrusted.toString());
                assertTrue(
                        !untrusted.stderr.contains("s3cret") && !log("agent").contains("s3cret"),
                        "the password is never echoed");
            } finally {
                agent.destroy();
                assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(0, agent.exitValue(), log("agent"));
            assertTrue(log("agent").contains("mqtt event=connected broker=" + url), log("agent"));
        }
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(String name, List<String> args) throws IOException, InterruptedException {
        Process p = launch(args)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(args + " did not finish in 60 s");
        }
        return new Run(
                p.exitValue(),
                Files.readString(tmp.resolve(name + ".out")),
                Files.readString(tmp.resolve(name + ".err")));
    }

    private Process start(String name, List<String> args) throws IOException {
        return launch(args)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile())
                .start();
    }

    private String log(String name) throws IOException {
        Path f = tmp.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** The CLI's main class in a child JVM; the class path goes through the environment (STACK.md). */
    private static ProcessBuilder launch(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", Main.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment()
                .put(
                        "CLASSPATH",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        pb.environment().remove("EDGEBENCH_MQTT_PASSWORD");
        return pb;
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}

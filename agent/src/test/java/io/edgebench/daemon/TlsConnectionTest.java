package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.cli.ExitCode;
import io.edgebench.cli.Main;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestCerts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, problems 8 and 9, against mosquitto TLS listeners with certificates the test makes: `edgebench send`
 * with --ca-file/--cert-file/--key-file reaches a mutual-TLS broker with a private CA; connection failures keep their
 * cause in the log (wrong CA, expired certificate, hostname mismatch, TLS to a plain listener, refused port);
 * unusable TLS files, TLS files with tcp:// and port 99999 exit 78, which the unit does not restart.
 */
class TlsConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sendAndAgent_overMutualTls_withAPrivateCa() throws Exception {
        TestCerts ca = TestCerts.ca(tmp.resolve("certs"), "ca");
        Path[] server = ca.issue("server", "IP:127.0.0.1", 2);
        Path[] agentCert = ca.issue("agent", "DNS:agent.example", 2);
        Path[] sendCert = ca.issue("send", "DNS:send.example", 2);
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"), false, ca.listener(server, true))) {
            String url = "ssl://127.0.0.1:" + broker.port2();
            try (AgentKit.Running a = AgentKit.start(
                    url,
                    "tls1",
                    tmp.resolve("data"),
                    new TestExecutor(true),
                    AgentKit.Options.defaults().tls(ca.caPem(), agentCert[0], agentCert[1]))) {
                a.awaitConnected(WAIT);
                assertEquals(
                        ExitCode.OK,
                        Main.run(
                                "send",
                                "--broker",
                                url,
                                "--ca-file",
                                ca.caPem().toString(),
                                "--cert-file",
                                sendCert[0].toString(),
                                "--key-file",
                                sendCert[1].toString(),
                                "--device",
                                "tls1",
                                "--timeout",
                                "20",
                                "ping"));
                // Without a client certificate the broker refuses the handshake: unavailable, not a hang.
                assertEquals(
                        ExitCode.UNAVAILABLE,
                        Main.run(
                                "send",
                                "--broker",
                                url,
                                "--ca-file",
                                ca.caPem().toString(),
                                "--device",
                                "tls1",
                                "--timeout",
                                "10",
                                "ping"));
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void connectionFailures_logTheirCause() throws Exception {
        TestCerts ca = TestCerts.ca(tmp.resolve("certs"), "ca");
        TestCerts otherCa = TestCerts.ca(tmp.resolve("other"), "otherca");
        Path[] good = ca.issue("good", "IP:127.0.0.1", 2);
        Path[] expired = ca.issue("expired", "IP:127.0.0.1", 0);
        Path[] wrongHost = ca.issue("wronghost", "DNS:other.example", 2);
        Thread.sleep(1500); // "expired" expires the second it was made
        expectCause("wrong_ca", good, ca, otherCa.caPem(), "PKIX", "wrong CA");
        expectCause("expired", expired, ca, ca.caPem(), "xpired", "has expired");
        expectCause("hostname", wrongHost, ca, ca.caPem(), "No subject alternative names", "hostname mismatch");
        try (MosquittoBroker plain = MosquittoBroker.start(tmp.resolve("plain"))) {
            String line =
                    expectLogged("ssl://127.0.0.1:" + plain.port(), ca.caPem(), "tls_to_plain", "Connection reset");
            assertTrue(line.contains("ssl:// to a plain tcp:// listener"), line);
        }
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AgentKit.Running a = AgentKit.start(
                "tcp://127.0.0.1:" + closedPort,
                "refused",
                tmp.resolve("refused"),
                new TestExecutor(true),
                AgentKit.Options.defaults())) {
            awaitLogged(a, "Connection refused");
        }
    }

    private void expectCause(String name, Path[] server, TestCerts ca, Path trust, String cause, String hint)
            throws Exception {
        try (MosquittoBroker broker =
                MosquittoBroker.start(tmp.resolve("b-" + name), false, ca.listener(server, false))) {
            String line = expectLogged("ssl://127.0.0.1:" + broker.port2(), trust, name, cause);
            assertTrue(line.contains(hint), line);
        }
    }

    private String expectLogged(String url, Path trust, String name, String fragment) throws Exception {
        try (AgentKit.Running a = AgentKit.start(
                url,
                name.replace('_', '-'),
                tmp.resolve("d-" + name),
                new TestExecutor(true),
                AgentKit.Options.defaults().tls(trust, null, null))) {
            return awaitLogged(a, fragment);
        }
    }

    private static String awaitLogged(AgentKit.Running a, String fragment) {
        try {
            Awaitility.await("log names the cause [" + fragment + "]")
                    .atMost(WAIT)
                    .until(() ->
                            a.log.stream().anyMatch(l -> l.contains("reconnect_scheduled") && l.contains(fragment)));
        } catch (RuntimeException e) {
            throw new AssertionError("no [" + fragment + "] in:\n" + a.logText(), e);
        }
        String line = a.log.stream()
                .filter(l -> l.contains("reconnect_scheduled") && l.contains(fragment))
                .findFirst()
                .orElseThrow();
        assertTrue(!line.contains("Untranslated MqttException"), line);
        return line;
    }

    @Test
    void unusableTlsFiles_tlsWithTcp_andBadPort_exit78_whichTheUnitDoesNotRestart() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a certificate");
        for (String[] c : List.of(
                new String[] {"ssl://127.0.0.1:8883", "tls:\n  ca_file: " + garbage},
                new String[] {"tcp://127.0.0.1:1883", "tls:\n  ca_file: " + garbage},
                new String[] {"tcp://127.0.0.1:99999", ""})) {
            Path cfg = Files.writeString(
                    tmp.resolve("agent" + c[0].hashCode() + ".yaml"),
                    "broker_url: " + c[0] + "\ndevice_id: exit1\ndata_dir: " + tmp.resolve("data") + "\n" + c[1]
                            + "\n");
            assertEquals(ExitCode.CONFIG, Main.run("agent", "--config", cfg.toString()), c[0] + " " + c[1]);
        }
        String unit = Files.readString(Path.of("..", "systemd", "edgebench-agent.service"));
        String line = unit.lines()
                .filter(l -> l.startsWith("RestartPreventExitStatus="))
                .findFirst()
                .orElseThrow();
        for (int code : new int[] {ExitCode.USAGE, ExitCode.DATA_ERR, ExitCode.CONFIG}) {
            assertTrue(
                    List.of(line.substring(line.indexOf('=') + 1).split("\\s+")).contains(Integer.toString(code)),
                    line + " must cover exit " + code);
        }
    }
}

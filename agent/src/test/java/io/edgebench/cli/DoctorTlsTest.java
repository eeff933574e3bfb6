package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * doctor's broker check over TLS, against a TLS endpoint on loopback whose certificate keytool makes here: the
 * configured CA verifies it (ok), another CA does not (FAIL with the TLS reason).
 */
@Timeout(90)
class DoctorTlsTest {
    private static final String PASS = "changeit";

    @TempDir
    Path tmp;

    private void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    /** A key pair for 127.0.0.1 in a PKCS#12 store, and its certificate as PEM (the CA file: it is self-signed). */
    private Path certificate(String name) throws Exception {
        Path store = tmp.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                "srv",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASS,
                "-keypass",
                PASS);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "srv",
                "-keystore",
                store.toString(),
                "-storepass",
                PASS,
                "-file",
                tmp.resolve(name + ".pem").toString());
        return store;
    }

    private static SSLServerSocket server(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket s = (SSLServerSocket)
                ctx.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    for (int i = 0; i < 4 && !s.isClosed(); i++) { // bounded: the test connects twice
                        try (SSLSocket c = (SSLSocket) s.accept()) {
                            c.setSoTimeout(5000);
                            c.startHandshake();
                        } catch (Exception e) {
                            // a client that rejects our certificate ends the handshake: expected in one case
                        }
                    }
                },
                "tls-endpoint");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private String doctor(Path config) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.execute("doctor", "--no-natives", "--config", config.toString());
        return out.toString();
    }

    @Test
    void tlsBroker_verifiedWithTheConfiguredCa_andRejectedWithAnotherOne() throws Exception {
        Path store = certificate("broker");
        certificate("other");
        try (SSLServerSocket s = server(store)) {
            String url = "ssl://127.0.0.1:" + s.getLocalPort();
            Path good = Files.writeString(
                    tmp.resolve("good.yaml"),
                    "broker_url: " + url + "\ntls:\n  ca_file: " + tmp.resolve("broker.pem") + "\n");
            String ok = doctor(good);
            assertTrue(ok.contains("ok    broker           " + url + " TLS TLSv1.3 ok in "), ok);
            assertTrue(ok.contains("server certificate verified with ca_file " + tmp.resolve("broker.pem")), ok);

            Path bad = Files.writeString(
                    tmp.resolve("bad.yaml"),
                    "broker_url: " + url + "\ntls:\n  ca_file: " + tmp.resolve("other.pem") + "\n");
            String failed = doctor(bad);
            assertTrue(failed.contains("FAIL  broker           " + url + ": TLS failed: "), failed);
            assertTrue(failed.contains("fix: The server certificate must chain to tls.ca_file"), failed);
        }
    }
}

package io.edgebench.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Certificates made by the test with the openssl command line: a private CA, server certificates (valid for
 * 127.0.0.1, for another host name, or already expired) and a client certificate for mutual TLS. Keys are PKCS#8
 * PEM ("BEGIN PRIVATE KEY", openssl 3's default), as the agent expects.
 */
public final class TestCerts {
    private final Path dir;

    private TestCerts(Path dir) {
        this.dir = dir;
    }

    /** A new CA in {@code dir} ({@code <name>.pem}, {@code <name>.key}); skips the test without openssl. */
    public static TestCerts ca(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            Assumptions.abort("openssl is not installed (apt-get install openssl)");
        }
        TestCerts c = new TestCerts(dir);
        c.run(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".pem",
                "-days",
                "2",
                "-subj",
                "/CN=" + name);
        c.caName = name;
        return c;
    }

    private String caName;

    public Path caPem() {
        return dir.resolve(caName + ".pem");
    }

    /**
     * A certificate signed by this CA: {@code <name>.pem} and {@code <name>.key}.
     *
     * @param san e.g. "IP:127.0.0.1" or "DNS:other.example"
     * @param days 0 makes a certificate that expires the second it is made
     */
    public Path[] issue(String name, String san, int days) throws IOException, InterruptedException {
        run(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + name);
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + san + "\n");
        run(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                caName + ".pem",
                "-CAkey",
                caName + ".key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                Integer.toString(days),
                "-extfile",
                name + ".ext");
        return new Path[] {dir.resolve(name + ".pem"), dir.resolve(name + ".key")};
    }

    /** mosquitto.conf lines for a TLS listener on {@code %PORT2%} with this server certificate. */
    public List<String> listener(Path[] server, boolean requireClientCert) {
        List<String> l = new ArrayList<>(List.of(
                "listener %PORT2% 127.0.0.1", "cafile " + caPem(), "certfile " + server[0], "keyfile " + server[1]));
        if (requireClientCert) {
            l.add("require_certificate true");
        }
        return l;
    }

    /**
     * mosquitto.conf lines that turn the broker's main listener (the one {@link MosquittoBroker} opens) into a TLS
     * listener with this server certificate: no plain port is left.
     */
    public List<String> tlsOnly(Path[] server, boolean requireClientCert) {
        return listener(server, requireClientCert).subList(1, requireClientCert ? 5 : 4);
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(
                    "openssl " + String.join(" ", args) + " failed: " + Files.readString(dir.resolve("openssl.log")));
        }
    }
}

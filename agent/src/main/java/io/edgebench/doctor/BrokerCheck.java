package io.edgebench.doctor;

import io.edgebench.config.AgentConfig;
import io.edgebench.config.AgentConfigLoader;
import io.edgebench.link.TlsFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The configured broker, reached the way the agent will: a TCP connection and, for ssl://, a TLS handshake with the
 * configured CA and client certificate, the server's name checked as the MQTT client checks it. Bounded: 5 s to
 * connect, 5 s for the handshake.
 */
final class BrokerCheck {
    private static final int TIMEOUT_MS = 5000;
    private static final Pattern BROKER_KEY = Pattern.compile("(?m)^broker_url:\\s*\\S");

    private BrokerCheck() {}

    static Check check(Board board) {
        if (!configured(board)) {
            return Check.warn(
                    "broker",
                    "no broker configured (" + board.config() + " has no broker_url, no"
                            + " EDGEBENCH_BROKER): the service stays stopped",
                    "Set broker_url in " + board.config()
                            + ", e.g. broker_url: ssl://broker.lan:8883, then: sudo systemctl restart edgebench-agent");
        }
        AgentConfig cfg;
        try {
            cfg = AgentConfigLoader.load(board.config(), false, board.env(), Map.of());
        } catch (IOException | IllegalArgumentException e) {
            return Check.fail("broker", "configuration rejected: " + e.getMessage(), "Fix " + board.config() + ".");
        }
        URI uri = URI.create(cfg.brokerUrl());
        boolean tls = "ssl".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
        String where = cfg.brokerUrl();
        long start = System.nanoTime();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MS);
            if (!tls) {
                return Check.ok("broker", where + " reachable in " + ms(start) + " ms (plain TCP, no TLS)");
            }
            try (SSLSocket s = (SSLSocket) TlsFiles.socketFactory(cfg.caFile(), cfg.certFile(), cfg.keyFile())
                    .createSocket(plain, uri.getHost(), port, false)) {
                SSLParameters p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must match the certificate
                s.setSSLParameters(p);
                s.setSoTimeout(TIMEOUT_MS);
                s.startHandshake();
                return Check.ok(
                        "broker",
                        where + " TLS " + s.getSession().getProtocol() + " ok in " + ms(start)
                                + " ms, server certificate verified with "
                                + (cfg.caFile() == null ? "the Java trust store" : "ca_file " + cfg.caFile())
                                + (cfg.certFile() == null ? "" : ", client certificate sent"));
            }
        } catch (java.net.UnknownHostException e) {
            return Check.fail(
                    "broker", where + ": unknown host [" + uri.getHost() + "]", "Check the name (DNS, /etc/hosts).");
        } catch (javax.net.ssl.SSLException e) {
            return Check.fail(
                    "broker",
                    where + ": TLS failed: " + e.getMessage(),
                    "The server certificate must chain to"
                            + " tls.ca_file and name the host [" + uri.getHost()
                            + "]; a client certificate needs tls.cert_file"
                            + " and tls.key_file. Is the clock right?");
        } catch (IOException e) {
            return Check.fail(
                    "broker",
                    where + ": " + e.getMessage(),
                    "Is the broker running and port " + port + " open from this board (firewall)?");
        }
    }

    static boolean configured(Board board) {
        if (board.env().get("EDGEBENCH_BROKER") != null || board.env().get("EDGEBENCH_BROKER_URL") != null) {
            return true;
        }
        try {
            return Files.exists(board.config())
                    && BROKER_KEY
                            .matcher(Files.readString(board.config(), StandardCharsets.UTF_8))
                            .find();
        } catch (IOException e) {
            return false;
        }
    }

    private static long ms(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }
}

package io.edgebench.link;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the broker. {@code password} is kept out of {@link #toString()}; TLS files are PEM (see TlsFiles).
 *
 * @param brokerUrl tcp://host:port or ssl://host:port
 * @param caFile null: the JDK's trust store
 * @param certFile client certificate chain for mutual TLS, or null
 * @param keyFile the certificate's PKCS#8 private key, or null
 * @param will published by the broker when the connection drops (retained offline status)
 * @param takeoverBackoff the wait after the broker said another client took the session over (a duplicate
 *     device id): much longer than {@code backoff}, so two agents with one id do not flap many times a minute
 */
public record LinkSettings(String brokerUrl, String clientId, String username, String password, Path caFile,
        Path certFile, Path keyFile, BrokerLink.Outbound will, int keepAliveS, Backoff backoff,
        Backoff takeoverBackoff) {

    /** With the standard takeover backoff ({@link Backoff#takeover()}). */
    public LinkSettings(String brokerUrl, String clientId, String username, String password, Path caFile,
            Path certFile, Path keyFile, BrokerLink.Outbound will, int keepAliveS, Backoff backoff) {
        this(brokerUrl, clientId, username, password, caFile, certFile, keyFile, will, keepAliveS, backoff,
                Backoff.takeover());
    }

    public LinkSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(takeoverBackoff, "takeoverBackoff");
        BrokerUrls.check(brokerUrl, caFile, certFile, keyFile);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls.cert_file [" + certFile + "] and tls.key_file [" + keyFile
                    + "] must be given together (mutual TLS needs both)");
        }
    }

    public boolean tls() {
        return brokerUrl.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "LinkSettings[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", caFile=" + caFile + ", certFile="
                + certFile + ", keyFile=" + keyFile + "]";
    }
}

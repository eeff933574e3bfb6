package io.edgebench.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Checks a broker URL before any connection is tried, so a typo is a config error (exit 78), not a retry loop. */
public final class BrokerUrls {
    private BrokerUrls() {}

    /**
     * The URL, that TLS files go with ssl://, and that a client certificate comes with its key.
     *
     * @throws IllegalArgumentException naming the value, what was expected and an example
     */
    public static void check(String brokerUrl, Path caFile, Path certFile, Path keyFile) {
        String example = " e.g. tcp://broker.local:1883 or ssl://broker.local:8883";
        if (brokerUrl == null || !brokerUrl.startsWith("tcp://") && !brokerUrl.startsWith("ssl://")) {
            throw new IllegalArgumentException(
                    "broker_url [" + brokerUrl + "] must start with tcp:// or ssl://," + example);
        }
        URI uri;
        try {
            uri = new URI(brokerUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "broker_url [" + brokerUrl + "] is not a URL (" + e.getReason() + ")," + example);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("broker_url [" + brokerUrl + "] has no host name," + example);
        }
        // URI accepts any digits as a port; 99999 would only fail later, inside the socket layer, without a cause.
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw new IllegalArgumentException(
                    "broker_url [" + brokerUrl + "] has port [" + uri.getPort() + "], expected 1..65535," + example);
        }
        if (uri.getPort() == -1 && brokerUrl.matches("^[a-z]+://[^/]*:[^/]*$")) {
            throw new IllegalArgumentException(
                    "broker_url [" + brokerUrl + "] has an unusable port, expected 1..65535," + example);
        }
        boolean tlsFiles = caFile != null || certFile != null || keyFile != null;
        if (tlsFiles && brokerUrl.startsWith("tcp://")) {
            throw new IllegalArgumentException("broker_url [" + brokerUrl + "] is plain tcp:// but TLS files are set"
                    + " (tls.ca_file/cert_file/key_file); use ssl://" + brokerUrl.substring(6)
                    + " or remove the TLS settings (they would be ignored)");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls.cert_file [" + certFile + "] and tls.key_file [" + keyFile
                    + "] must be given together (mutual TLS needs both)");
        }
    }
}

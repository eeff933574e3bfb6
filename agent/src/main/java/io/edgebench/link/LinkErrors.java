package io.edgebench.link;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Says why a connection or publish failed. Paho wraps TLS and socket failures in an MqttException whose own message
 * is "Untranslated MqttException - RC: 0" or "Unable to connect to server": the cause chain holds the answer (PKIX
 * path building failed, certificate expired, no subject alternative name, connection refused, ...).
 */
public final class LinkErrors {
    /** MQTT 5 reason code of a DISCONNECT sent when another client connected with the same client id. */
    public static final int SESSION_TAKEN_OVER = 0x8E;

    private LinkErrors() {}

    /** Every distinct message of the chain, outermost first, joined by ": ", each with its exception type. */
    public static String describe(Throwable t) {
        Set<String> parts = new LinkedHashSet<>();
        Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable c = t; c != null && seen.add(c) && parts.size() < 6; c = c.getCause()) {
            String m = c.getMessage();
            boolean useless = m == null || m.isBlank() || m.startsWith("Untranslated MqttException");
            parts.add(c.getClass().getSimpleName() + (useless ? "" : " (" + m.replace('"', '\'') + ")"));
        }
        return String.join(": ", parts);
    }

    /** Whether the broker refused the login (see {@link PahoBrokerLink#credentialsRefused}). */
    public static boolean credentialsRefused(Throwable t) {
        return PahoBrokerLink.credentialsRefused(t);
    }

    /** A short operator hint for common TLS and socket failures, or "" when none applies. */
    public static String hint(Throwable t) {
        if (credentialsRefused(t)) {
            return " hint: the broker refused this client's credentials (user name, password or client certificate"
                    + " not accepted, or not authorized): the broker is up, check the user and its password";
        }
        String all = describe(t).toLowerCase(java.util.Locale.ROOT);
        // Most specific first: an expired certificate also fails "PKIX path validation".
        if (all.contains("certificateexpired") || all.contains("notafter")) {
            return " hint: a certificate has expired (check the broker's and the client's validity dates)";
        } else if (all.contains("no subject alternative") || all.contains("no name matching")) {
            return " hint: the broker's certificate does not name the host in broker_url (hostname mismatch)";
        } else if (all.contains("pkix path") || all.contains("unable to find valid certification path")) {
            return " hint: the broker's certificate is not signed by tls.ca_file (wrong CA?)";
        } else if (all.contains("unrecognized ssl message")
                || all.contains("plaintext connection")
                || all.contains("remote host terminated the handshake")
                || all.contains("unexpected end of file")) {
            return " hint: TLS spoken to a listener that is not TLS, or the broker closed the handshake"
                    + " (ssl:// vs tcp:// port?)";
        } else if (all.contains("connection reset")) {
            return " hint: the broker reset the connection at once (ssl:// to a plain tcp:// listener, or the broker"
                    + " refused this client)";
        } else if (all.contains("connection refused")) {
            return " hint: nothing listens on that host and port";
        } else if (all.contains("timed out") || all.contains("timeout")) {
            return " hint: the broker accepted TCP but did not answer CONNECT in time (hung or not MQTT?)";
        }
        return "";
    }
}

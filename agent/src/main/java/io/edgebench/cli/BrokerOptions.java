package io.edgebench.cli;

import io.edgebench.link.BrokerPassword;
import io.edgebench.link.LinkSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The one broker-connection option set, mixed into every command that talks to a broker (agent, send, collect,
 * fleet, homeassistant): the same names, meanings and TLS support everywhere. The agent maps them onto its config
 * keys (broker_url, username, password_file, tls.*), so a flag overrides the file's value of the same setting.
 */
public final class BrokerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--broker", paramLabel = "URL", description = "tcp://host:1883 or ssl://host:8883")
    String url;

    @Option(names = "--username", paramLabel = "NAME", description = "broker user")
    String username;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "file whose first line is the broker" + " password (default: $" + BrokerPassword.ENV
                    + "); never printed")
    Path passwordFile;

    @Option(
            names = "--ca-file",
            paramLabel = "PEM",
            description =
                    "ssl://: CA bundle the broker's certificate must" + " chain to (default: the JDK trust store)")
    Path caFile;

    @Option(names = "--cert-file", paramLabel = "PEM", description = "ssl://: client certificate chain (mutual TLS)")
    Path certFile;

    @Option(
            names = "--key-file",
            paramLabel = "PEM",
            description = "ssl://: the client certificate's unencrypted" + " PKCS#8 key (BEGIN PRIVATE KEY)")
    Path keyFile;

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            description = "MQTT client id (default: one per command, e.g."
                    + " edgebench-<device_id> for the agent, edgebench-collect-<host> for collect)")
    String clientId;

    /** The broker URL; commands other than the agent (which has a config file) require it. */
    String url() {
        if (url == null) {
            throw new ParameterException(
                    mixee.commandLine(),
                    "Missing required option: '--broker=URL', e.g. --broker" + " tcp://broker.local:1883");
        }
        return url;
    }

    /** Link settings for these options: URL, client id (this command's default unless set), credentials, TLS. */
    LinkSettings.Builder link(String defaultClientId) {
        return LinkSettings.builder(url(), clientId != null ? clientId : defaultClientId)
                .credentials(username, BrokerPassword.read(passwordFile, "--password-file", System.getenv()))
                .tls(caFile, certFile, keyFile);
    }

    /** The agent's config keys these options set; unset options are absent (the file or defaults apply). */
    Map<String, String> configKeys() {
        Map<String, String> m = new HashMap<>();
        m.put("broker_url", url);
        m.put("username", username);
        m.put("password_file", str(passwordFile));
        m.put("tls.ca_file", str(caFile));
        m.put("tls.cert_file", str(certFile));
        m.put("tls.key_file", str(keyFile));
        m.put("client_id", clientId);
        return m;
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }
}

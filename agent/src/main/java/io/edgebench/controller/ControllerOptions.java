package io.edgebench.controller;

import io.edgebench.link.NoDelaySockets;

import java.time.Duration;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** Connection options of a controller: a clean, non-persistent session, no reconnects, Nagle off. */
final class ControllerOptions {
    private ControllerOptions() {}

    static MqttConnectionOptions of(String brokerUrl, String username, char[] password, Duration timeout) {
        return of(brokerUrl, username, password, timeout, null);
    }

    /** @param tls the socket factory for ssl:// built from TLS files, or null for the JDK's default trust store */
    static MqttConnectionOptions of(String brokerUrl, String username, char[] password, Duration timeout,
            javax.net.ssl.SSLSocketFactory tls) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        o.setKeepAliveInterval(30);
        if (username != null) {
            o.setUserName(username);
        }
        if (password != null) {
            o.setPassword(new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // Nagle + delayed ACK cost ~40-90 ms per request/reply round trip (STACK.md); ssl:// keeps the JDK trust store
        o.setSocketFactory(brokerUrl.startsWith("ssl://")
                ? NoDelaySockets.tls(tls != null ? tls
                        : (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault())
                : NoDelaySockets.plain(SocketFactory.getDefault()));
        return o;
    }
}

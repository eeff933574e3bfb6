package io.edgebench.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** Connection options of a controller: a clean, non-persistent session, no reconnects, Nagle off. */
final class ControllerOptions {
    private ControllerOptions() {}

    static MqttConnectionOptions of(String brokerUrl, String username, char[] password, Duration timeout) {
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
        // ssl:// keeps Paho's default TLS factory (the JDK trust store)
        if (brokerUrl.startsWith("tcp://")) {
            o.setSocketFactory(new NoDelay());
        }
        return o;
    }

    /** Nagle + delayed ACK cost ~40-90 ms per request/reply round trip on loopback (STACK.md). */
    private static final class NoDelay extends SocketFactory {
        private final SocketFactory inner = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(inner.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(inner.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(inner.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(inner.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(inner.createSocket(host, port, local, localPort));
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }
    }
}

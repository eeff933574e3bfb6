package io.edgebench.link;

import io.edgebench.config.BrokerUrls;
import io.edgebench.wire.CommandParser;
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
 * @param session clean (the agent: commands are re-askable) or persistent (the collector: results queued while it
 *     is away arrive when it is back)
 * @param takeoverBackoff the wait after the broker said another client took the session over (a duplicate
 *     device id): much longer than {@code backoff}, so two agents with one id do not flap many times a minute
 * @param maxPacketBytes the MQTT 5 Maximum Packet Size announced in CONNECT: the broker drops a larger packet for
 *     this client, and Paho refuses one before allocating its buffer
 */
public record LinkSettings(
        String brokerUrl,
        String clientId,
        String username,
        String password,
        Path caFile,
        Path certFile,
        Path keyFile,
        BrokerLink.Outbound will,
        int keepAliveS,
        Backoff backoff,
        Session session,
        Backoff takeoverBackoff,
        long maxPacketBytes) {

    /**
     * The agent's command link: a command is at most a models/put part, and Paho checks each packet's announced
     * length against this before it allocates the buffer, so a board never holds more than this of one message.
     */
    public static final long COMMAND_MAX_PACKET_BYTES = CommandParser.MAX_PACKET_BYTES;
    /**
     * Every other link (send, fleet, the collector, power plugs): a result can outgrow a command, and mosquitto
     * silently drops a packet above a client's announced maximum, so a 1.1 MB result never reached a controller
     * that announced 1 MiB.
     */
    public static final long DEFAULT_MAX_PACKET_BYTES = 8L << 20;

    public LinkSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(takeoverBackoff, "takeoverBackoff");
        BrokerUrls.check(brokerUrl, caFile, certFile, keyFile);
        if (maxPacketBytes < 1) {
            throw new IllegalArgumentException(
                    "maxPacketBytes [" + maxPacketBytes + "] must be >= 1 (e.g. COMMAND_MAX_PACKET_BYTES)");
        }
    }

    /**
     * The MQTT 5 session: {@code cleanStart} false with an expiry keeps the subscriptions and the QoS 1 messages
     * that match them on the broker while the client is away, for up to {@code expiryS} seconds.
     * {@code ackAfterHandling}: a QoS 1 message is acknowledged only once the listener returned normally; when it
     * throws, the link reconnects without the acknowledgement and the broker delivers the message again.
     */
    public record Session(boolean cleanStart, long expiryS, boolean ackAfterHandling) {
        public static final Session CLEAN = new Session(true, 0, false);
        /** MQTT 5's largest session expiry (0xFFFFFFFF means "never expires"). */
        public static final long MAX_EXPIRY_S = 0xFFFFFFFFL;

        public Session {
            if (expiryS < 0 || expiryS > MAX_EXPIRY_S) {
                throw new IllegalArgumentException(
                        "session expiry [" + expiryS + "] must be 0.." + MAX_EXPIRY_S + " seconds");
            }
        }

        /** Resumes the broker's session for this client id; it expires {@code expiryS} after a disconnect. */
        public static Session persistent(long expiryS) {
            if (expiryS < 1) {
                throw new IllegalArgumentException("session expiry [" + expiryS + "] must be >= 1 s for a persistent"
                        + " session (0 would drop it at disconnect)");
            }
            return new Session(false, expiryS, true);
        }
    }

    /** Settings built field by field: what is not set is absent (no TLS client cert, no will, a clean session). */
    public static Builder builder(String brokerUrl, String clientId) {
        return new Builder(brokerUrl, clientId);
    }

    /** Builds {@link LinkSettings}; keep alive 30 s and the standard backoff unless set. */
    public static final class Builder {
        private final String brokerUrl;
        private final String clientId;
        private String username;
        private String password;
        private Path caFile;
        private Path certFile;
        private Path keyFile;
        private BrokerLink.Outbound will;
        private int keepAliveS = 30;
        private Backoff backoff = Backoff.standard();
        private Session session = Session.CLEAN;
        private Backoff takeoverBackoff = Backoff.takeover();
        private long maxPacketBytes = DEFAULT_MAX_PACKET_BYTES;

        private Builder(String brokerUrl, String clientId) {
            this.brokerUrl = brokerUrl;
            this.clientId = clientId;
        }

        public Builder credentials(String user, String secret) {
            this.username = user;
            this.password = secret;
            return this;
        }

        /** @param ca PEM CA bundle, or null for the JDK trust store */
        public Builder tls(Path ca, Path cert, Path key) {
            this.caFile = ca;
            this.certFile = cert;
            this.keyFile = key;
            return this;
        }

        public Builder will(BrokerLink.Outbound message) {
            this.will = message;
            return this;
        }

        public Builder keepAliveS(int seconds) {
            this.keepAliveS = seconds;
            return this;
        }

        public Builder backoff(Backoff b) {
            this.backoff = b;
            return this;
        }

        public Builder session(Session s) {
            this.session = s;
            return this;
        }

        /** The wait after a session takeover; the standard one ({@link Backoff#takeover()}) unless set. */
        public Builder takeoverBackoff(Backoff b) {
            this.takeoverBackoff = b;
            return this;
        }

        /** {@link #DEFAULT_MAX_PACKET_BYTES} unless set; the agent's command link sets its smaller limit. */
        public Builder maxPacketBytes(long bytes) {
            this.maxPacketBytes = bytes;
            return this;
        }

        public LinkSettings build() {
            return new LinkSettings(
                    brokerUrl,
                    clientId,
                    username,
                    password,
                    caFile,
                    certFile,
                    keyFile,
                    will,
                    keepAliveS,
                    backoff,
                    session,
                    takeoverBackoff,
                    maxPacketBytes);
        }
    }

    public boolean tls() {
        return brokerUrl.startsWith("ssl://");
    }

    @Override
    public String toString() {
        return "LinkSettings[brokerUrl=" + brokerUrl + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", caFile=" + caFile + ", certFile="
                + certFile + ", keyFile=" + keyFile + ", session=" + session + ", maxPacketBytes=" + maxPacketBytes
                + "]";
    }
}

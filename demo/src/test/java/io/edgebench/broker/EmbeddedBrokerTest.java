package io.edgebench.broker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.demo.LocalBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded broker over real TCP with Paho v5: the MQTT 5 features the agent and the controller rely on. */
@Timeout(value = 60, unit = SECONDS)
class EmbeddedBrokerTest {
    /** One broker for the class: HiveMQ's stop takes ~4 s, so a broker per test would dominate the run time. */
    private static final EmbeddedBroker BROKER = new EmbeddedBroker();

    @BeforeAll
    static void start() throws IOException {
        BROKER.start(0);
    }

    @AfterAll
    static void stop() {
        BROKER.close();
    }

    @Test
    void serviceLoader_findsTheEmbeddedBroker() {
        assertTrue(LocalBroker.find().orElseThrow() instanceof EmbeddedBroker);
    }

    @Test
    void start_listensOnLoopbackOnly() {
        assertTrue(BROKER.url().matches("tcp://127\\.0\\.0\\.1:\\d+"), BROKER.url());
    }

    @Test
    void requestResponse_keepsResponseTopicAndCorrelationData() throws Exception {
        MqttClient responder = connect("responder", (topic, msg) -> {});
        responder.setCallback(callback((topic, request) -> reply(responder, request)));
        responder.subscribe("edgebench/dev1/cmd/ping", 1);

        BlockingQueue<MqttMessage> replies = new ArrayBlockingQueue<>(1);
        MqttClient requester = connect("requester", (topic, msg) -> replies.add(msg));
        String responseTopic = "edgebench/ctl/" + UUID.randomUUID() + "/reply";
        requester.subscribe(responseTopic, 1);
        byte[] correlation = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        MqttProperties props = new MqttProperties();
        props.setResponseTopic(responseTopic);
        props.setCorrelationData(correlation);
        MqttMessage request = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, props);
        requester.publish("edgebench/dev1/cmd/ping", request);

        MqttMessage reply = replies.poll(10, SECONDS);
        assertEquals("{\"pong\":true}", new String(reply.getPayload(), StandardCharsets.UTF_8));
        assertArrayEquals(correlation, reply.getProperties().getCorrelationData());
        disconnect(requester, responder);
    }

    @Test
    void retainedWill_isPublishedWithItsPropertiesWhenTheConnectionDrops() throws Exception {
        MqttConnectionOptions options = options();
        MqttProperties willProps = new MqttProperties();
        willProps.setContentType("application/json");
        willProps.setUserProperties(List.of(new UserProperty("agent_version", "test")));
        options.setWillMessageProperties(willProps);
        options.setWill(
                "edgebench/dev1/status",
                new MqttMessage("{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8), 1, true, null));
        MqttClient agent = new MqttClient(BROKER.url(), "agent-with-will", new MemoryPersistence());
        agent.connect(options);
        // no DISCONNECT packet: to the broker this is a lost connection, so it must publish the will
        agent.disconnectForcibly(0, 1000, false);
        agent.close(true);

        BlockingQueue<MqttMessage> status = new ArrayBlockingQueue<>(1);
        BlockingQueue<String> topics = new ArrayBlockingQueue<>(1);
        MqttClient watcher = connect("watcher", (topic, msg) -> {
            topics.add(topic);
            status.add(msg);
        });
        watcher.subscribe("edgebench/+/status", 1);
        MqttMessage will = status.poll(10, SECONDS);
        assertEquals("edgebench/dev1/status", topics.poll());
        assertEquals("{\"state\":\"offline\"}", new String(will.getPayload(), StandardCharsets.UTF_8));
        assertTrue(will.isRetained(), "a will delivered to a later subscriber must carry the retain flag");
        assertEquals("application/json", will.getProperties().getContentType());
        assertEquals(
                List.of(new UserProperty("agent_version", "test")),
                will.getProperties().getUserProperties());
        disconnect(watcher);
    }

    @Test
    void close_freesThePortAndIsIdempotent() throws IOException {
        EmbeddedBroker own = new EmbeddedBroker();
        String url = own.start(0);
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        assertTrue(accepts(port), "the broker must listen on " + port);
        own.close();
        own.close();
        assertThrows(IllegalStateException.class, own::url);
        assertFalse(accepts(port), "nothing may listen on " + port + " after close");
    }

    @Test
    void start_onATakenPort_failsWithTheHint() throws Exception {
        String url = BROKER.url();
        int taken = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (EmbeddedBroker second = new EmbeddedBroker()) {
            IOException e = assertThrows(IOException.class, () -> second.start(taken));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken), e.getMessage());
            assertTrue(e.getMessage().contains("--port"), e.getMessage());
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void reply(MqttClient responder, MqttMessage request) throws MqttException {
        MqttProperties props = new MqttProperties();
        props.setCorrelationData(request.getProperties().getCorrelationData());
        responder.publish(
                request.getProperties().getResponseTopic(),
                new MqttMessage("{\"pong\":true}".getBytes(StandardCharsets.UTF_8), 1, false, props));
    }

    private MqttClient connect(String id, BiConsumer<String, MqttMessage> onMessage) throws MqttException {
        MqttClient client = new MqttClient(BROKER.url(), id, new MemoryPersistence());
        client.setCallback(callback(onMessage::accept));
        client.connect(options());
        return client;
    }

    private static MqttConnectionOptions options() {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSocketFactory(new NoDelaySocketFactory());
        return options;
    }

    private static void disconnect(MqttClient... clients) throws MqttException {
        for (MqttClient c : clients) {
            c.disconnect();
            c.close();
        }
    }

    interface Handler {
        void handle(String topic, MqttMessage message) throws Exception;
    }

    private static MqttCallback callback(Handler handler) {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                handler.handle(topic, message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        };
    }

    /** Nagle + delayed ACK add ~40 ms per round trip on loopback (STACK.md). */
    static final class NoDelaySocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress local, int localPort)
                throws IOException {
            return noDelay(new Socket(address, port, local, localPort));
        }

        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }
    }
}

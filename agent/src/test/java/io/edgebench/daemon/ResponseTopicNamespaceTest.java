package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.testkit.TestClient;
import io.edgebench.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a request's response topic is answered only under edgebench/ or a configured prefix (the test agents
 * allow test/); anything else (Home Assistant's tree, $SYS, a foreign tree) gets its bad_request on the agent's own
 * reply topic, with a log line saying why, and nothing is published where the request pointed.
 */
class ResponseTopicNamespaceTest {
    private static final String DEV = "rtns1";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void onlyTheSafeNamespaceIsAnswered_otherTopicsGetTheDefaultReplyAndALogLine() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                TestClient client = new TestClient(broker.url());
                AgentKit.Running a = AgentKit.start(
                                broker.url(),
                                DEV,
                                tmp.resolve("data"),
                                new TestExecutor(true),
                                AgentKit.Options.defaults())
                        .awaitConnected(WAIT)) {
            client.subscribe("homeassistant/#");
            client.subscribe("replies/#");
            client.subscribe(Topics.reply(DEV));

            List<String> refused = List.of("homeassistant/sensor/rtns1/config", "replies/me", "$SYS/broker/x");
            for (String rt : refused) {
                client.clear();
                byte[] correlation = rt.getBytes(StandardCharsets.UTF_8);
                client.publish(Topics.cmd(DEV, Topics.PING), "{}", rt, correlation);
                TestClient.Received r = client.await(Topics.reply(DEV), WAIT);
                JsonNode reply = r.json();
                assertFalse(reply.get("ok").asBoolean(), rt + ": " + reply);
                assertEquals(Topics.ERR_BAD_REQUEST, reply.get("code").asText(), reply.toString());
                assertTrue(reply.get("error").asText().contains("[" + rt + "]"), reply.toString());
                assertTrue(java.util.Arrays.equals(correlation, r.correlationData()), "correlation data copied");
                assertTrue(
                        a.logText().contains("command event=response_topic_refused verb=ping response_topic=\"" + rt),
                        a.logText());
                String outside = client.all().stream()
                        .filter(m -> m.topic().startsWith("homeassistant/")
                                || m.topic().startsWith("replies/"))
                        .map(TestClient.Received::topic)
                        .reduce("", (x, y) -> x + " " + y);
                assertEquals("", outside, rt + ": nothing may be published outside the namespace");
            }
            // Inside the namespace (the controller's topic) and under the configured test/ prefix: answered there.
            for (String rt : List.of("edgebench/ctl/rtns-test/reply", "test/replies/rtns")) {
                client.subscribe(rt);
                client.clear();
                client.publish(Topics.cmd(DEV, Topics.PING), "{}", rt, new byte[] {7});
                JsonNode pong = client.await(rt, WAIT).json();
                assertTrue(pong.get("ok").asBoolean(), rt + ": " + pong);
                assertEquals(List.of(), client.on(Topics.reply(DEV)), rt + " is answered where it asked");
            }
        }
    }
}

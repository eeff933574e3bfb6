package io.edgebench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 10 "also": hostile request bytes and response topics are rejected as bad_request, never internal. */
class StrictRequestTest {
    private final CommandParser parser = new CommandParser(64L << 20);

    private CommandRejectedException reject(String verb, byte[] payload) {
        return assertThrows(CommandRejectedException.class, () -> parser.parse(verb, payload));
    }

    private CommandRejectedException reject(String verb, String json) {
        return reject(verb, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void trailingDataAfterTheObject_isRejected() {
        CommandRejectedException e = reject("inspect", "{\"model\":\"m.tflite\"} {\"model\":\"other.tflite\"}");
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("payload is not valid JSON"), e.getMessage());
        assertEquals(Topics.ERR_BAD_REQUEST, reject("ping", "{} garbage").code());
    }

    @Test
    void loneSurrogateInAName_isBadRequest_notInternal() {
        CommandRejectedException e = reject("inspect", "{\"model\":\"m\\ud800.tflite\"}");
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("lone UTF-16 surrogate [\\uD800]"), e.getMessage());
        assertEquals(
                Topics.ERR_BAD_REQUEST,
                reject("bench", "{\"model\":\"m.tflite\",\"job_id\":\"\\udfff\"}")
                        .code());
        assertEquals(Topics.ERR_BAD_REQUEST, reject("bench", "{\"\\ud800\":1}").code());
    }

    @Test
    void invalidUtf8_isBadRequest() {
        byte[] bad = {'{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        CommandRejectedException e = reject("inspect", bad);
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void validSurrogatePair_isAccepted() throws Exception {
        // An emoji in a job id is still not a valid id, but it is a valid string: the id rule says so, not UTF-16.
        CommandRejectedException e = reject("bench", "{\"model\":\"m.tflite\",\"job_id\":\"\\ud83d\\ude00\"}");
        assertTrue(e.getMessage().contains("field \"job_id\" must be 1-64 characters"), e.getMessage());
    }

    @Test
    void deepNesting_isRejectedNotAStackOverflow() {
        String deep = "{\"input_shapes\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(Topics.ERR_BAD_REQUEST, reject("bench", deep).code());
    }

    @Test
    void responseTopics_ownAndOtherDevicesTopicsAreRefused() {
        String dev = "pi5";
        for (String bad : new String[] {
            "edgebench/pi5/cmd/ping",
            "edgebench/pi5/status",
            "edgebench/pi5/result/j1",
            "edgebench/pi5/job/j1/progress",
            "edgebench/pi5/telemetry",
            "edgebench/other/cmd/bench",
            "edgebench/other/reply",
            "edgebench/fleet/cmd/ping",
            "$SYS/broker",
            "homeassistant/sensor/x/config",
            "replies/me",
            "a/+/b",
            "a/#",
            ""
        }) {
            assertTrue(Topics.responseTopicProblem(dev, bad) != null, bad);
        }
        for (String ok : new String[] {"edgebench/pi5/reply", "edgebench/ctl/1a2b/reply", "edgebench/app/x/y"}) {
            assertNull(Topics.responseTopicProblem(dev, ok), ok);
        }
        assertNull(Topics.responseTopicProblem(dev, "replies/me", java.util.List.of("replies/")));
        assertTrue(Topics.responseTopicProblem(dev, "repliesX/me", java.util.List.of("replies/")) != null);
        assertTrue(Topics.responseTopicProblem(dev, "replies/me", java.util.List.of())
                .contains("response_topic_prefixes"));
        // An allowed prefix never reopens the agent's own topics.
        assertTrue(
                Topics.responseTopicProblem(dev, "edgebench/pi5/cmd/bench", java.util.List.of("edgebench/")) != null);
        for (String badPrefix : new String[] {"homeassistant/", "$SYS/", "a/#/", "replies", "/", "a/+/"}) {
            assertTrue(Topics.responseTopicPrefixProblem(badPrefix) != null, badPrefix);
        }
    }

    @Test
    void brokerUrls_badPortsAndTlsFilesWithTcpAreConfigErrors() {
        IllegalArgumentException port = assertThrows(
                IllegalArgumentException.class,
                () -> io.edgebench.config.BrokerUrls.check("tcp://127.0.0.1:99999", null, null, null));
        assertTrue(port.getMessage().contains("has port [99999], expected 1..65535"), port.getMessage());
        IllegalArgumentException tls = assertThrows(
                IllegalArgumentException.class,
                () -> io.edgebench.config.BrokerUrls.check(
                        "tcp://b:1883", java.nio.file.Path.of("ca.pem"), null, null));
        assertTrue(tls.getMessage().contains("is plain tcp:// but TLS files are set"), tls.getMessage());
        io.edgebench.config.BrokerUrls.check("ssl://b:8883", java.nio.file.Path.of("ca.pem"), null, null);
    }
}

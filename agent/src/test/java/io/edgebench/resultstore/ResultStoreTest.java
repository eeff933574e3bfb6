package io.edgebench.resultstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.resultstore.ResultFixtures.Board;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on SQLite (fast, default suite); PostgresStoreTest runs {@link #roundTrip} on PostgreSQL. */
class ResultStoreTest {
    @TempDir
    Path tmp;

    @Test
    void sqlite_storesOnce_queriesByDeviceModelAndTime() throws Exception {
        roundTrip(DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("r.db"), null, null));
    }

    @Test
    void reopen_migratesOnceAndKeepsResults() throws Exception {
        DatabaseUrl url = DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("r.db"), null, null);
        try (ResultStore s = ResultStore.open(url)) {
            s.store(message(ResultFixtures.bench("pi5-lab", "j1", Board.PI5, "tflite", "xnnpack", 1, false)));
        }
        try (ResultStore s = ResultStore.open(url)) {
            assertEquals(List.of("pi5-lab/j1#1"), s.keys());
        }
    }

    @Test
    void lenient_unknownFieldsKept_missingFieldsNull() throws Exception {
        ObjectNode m = ResultFixtures.bench("pi4-lab", "j2", Board.PI4, "onnx", "cpu", 3, true);
        m.put("from_the_future", 42);
        ((ObjectNode) m.get("result")).remove("latency_us");
        ((ObjectNode) m.get("result")).remove("telemetry");
        ResultMessage r = message(m);
        LaneRow lane = r.lanes().get(0);
        assertNull(lane.p50Us());
        assertNull(lane.energyPerInferenceMj());
        assertEquals("onnx", lane.runtime());
        assertEquals("mobilenet_v2.onnx", lane.modelName());
        try (ResultStore s = ResultStore.open(DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("r.db"), null, null))) {
            assertTrue(s.store(r));
            String back = s.query(new ResultQuery(null, null, null)).get(0).json();
            assertEquals(42, Json.mapper().readTree(back).get("from_the_future").asInt(), "full JSON kept");
        }
    }

    @Test
    void notJson_isRejectedWithTheDevice() {
        var e = assertThrows(
                java.io.IOException.class,
                () -> ResultMessage.parse("pi4-lab", "j3", "nope".getBytes(StandardCharsets.UTF_8), 0));
        assertTrue(e.getMessage().contains("[pi4-lab] job [j3] is not JSON"), e.getMessage());
    }

    @Test
    void dbUrl_otherDatabase_rejectedWithExample() {
        var e = assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.of("jdbc:mysql://x/y", null, null));
        assertEquals(
                "--db [jdbc:mysql://x/y] must be a jdbc:sqlite: or jdbc:postgresql: URL, e.g. "
                        + "jdbc:sqlite:results.db or jdbc:postgresql://db.local:5432/edgebench",
                e.getMessage());
    }

    static void roundTrip(DatabaseUrl url) throws Exception {
        try (ResultStore s = ResultStore.open(url)) {
            ResultMessage a = message(ResultFixtures.bench("pi4-lab", "j1", Board.PI4, "tflite", "cpu", 11, true));
            ResultMessage b = message(
                    ResultFixtures.compare("pi5-lab", "j1", Board.PI5, 12, false, "tflite:xnnpack", "onnx:cpu"));
            assertTrue(s.store(a));
            assertTrue(s.store(b), "same job id on another device is another result");
            assertFalse(s.store(a), "a republished result is a duplicate");
            assertEquals(List.of("pi4-lab/j1#1", "pi5-lab/j1#2"), s.keys());
            assertEquals(1, s.query(new ResultQuery(null, "pi5-lab", null)).size());
            assertEquals(
                    2,
                    s.query(new ResultQuery(null, null, "mobilenet_v2.tflite")).size());
            assertEquals(
                    1, s.query(new ResultQuery(null, null, "mobilenet_v2.onnx")).size());
            String sha = b.lanes().get(1).modelSha256();
            assertEquals(1, s.query(new ResultQuery(null, null, sha)).size(), "by sha256 too");
            assertEquals(
                    0,
                    s.query(new ResultQuery(
                                    b.finishedAtMs() + 1 + Math.max(0, a.finishedAtMs() - b.finishedAtMs()),
                                    null,
                                    null))
                            .size());
            s.store(AgentStatus.parse(
                    "pi4-lab",
                    "{\"state\":\"busy\",\"ts\":\"2026-11-30T10:00:01Z\"}".getBytes(StandardCharsets.UTF_8),
                    0));
            s.store(AgentStatus.parse(
                    "pi4-lab",
                    "{\"state\":\"online\",\"ts\":\"2026-11-30T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8),
                    0));
            assertEquals("busy", s.agents().get(0).state(), "an older status does not overwrite a newer one");
        }
    }

    @Test
    void agents_statusRowNotReadable_deviceListedAsUnreadable() throws Exception {
        Path file = tmp.resolve("r.db");
        try (ResultStore s = ResultStore.open(DatabaseUrl.of("jdbc:sqlite:" + file, null, null))) {
            s.store(AgentStatus.parse("pi4-lab", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8), 5));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                    java.sql.Statement st = c.createStatement()) {
                st.execute("UPDATE agents SET status_json = '[1,2' WHERE device_id = 'pi4-lab'");
            }

            List<AgentStatus> agents = s.agents();

            assertEquals(1, agents.size(), "the device must not disappear");
            assertEquals("unreadable", agents.get(0).state());
            assertEquals(5, agents.get(0).lastSeenMs());
        }
    }

    static ResultMessage message(ObjectNode m) {
        return ResultMessage.of(m.get("device_id").asText(), m.get("job_id").asText(), m, 1_000);
    }
}

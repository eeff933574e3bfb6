package io.edgebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict's wording for the cases a reader must not confuse, and --since parsing. */
class VerdictTest {
    private static ReportLane lane(int id, String delegate, double p50, double lo, double hi, boolean ci) {
        ObjectNode r = ResultFixtures.lane(Board.PI5, "m", "tflite", delegate, id, ci);
        ObjectNode lat = (ObjectNode) r.get("latency_us");
        lat.put("p50", p50);
        if (ci) {
            lat.putObject("p50_ci").put("low", lo).put("high", hi);
        }
        r.put("valid", true);
        return ReportLane.of(id, "pi5", "j", r);
    }

    private static ReportLane benchOf(int id, String model, double p50) {
        ObjectNode r = ResultFixtures.lane(Board.PI5, model, "tflite", "xnnpack", id, false);
        ((ObjectNode) r.get("latency_us")).put("p50", p50);
        r.put("valid", true);
        return ReportLane.of(id, "pi5", "j" + id, r);
    }

    @Test
    void twoModelsOnOneHost_rankedOnlyWithinEachModel() {
        List<ReportLane> lanes = List.of(benchOf(0, "vad", 300), benchOf(1, "pose", 9_000), benchOf(2, "vad", 600));
        String v = Verdict.of("pi5", lanes);
        assertTrue(
                v.contains("vad.tflite (ranked only against lanes with the same model and inputs): vad.tflite"
                        + " tflite:xnnpack x4 is fastest at p50, 300 us; 2.00x faster than"),
                v);
        assertTrue(
                v.contains("pose.tflite (ranked only against lanes with the same model and inputs): one valid lane,"
                        + " pose.tflite tflite:xnnpack x4, p50 9.00 ms."),
                v);
        String overall = Verdict.overall(lanes).orElseThrow();
        assertTrue(overall.startsWith("Fastest valid lane for vad.tflite over 1 device(s): vad.tflite"), overall);
        assertTrue(overall.contains("Fastest valid lane for pose.tflite over 1 device(s): pose.tflite"), overall);
    }

    @Test
    void compareLanes_rankedTogetherThoughTheirFilesDiffer() {
        ObjectNode t = ResultFixtures.lane(Board.PI5, "m", "tflite", "xnnpack", 1, false);
        ObjectNode o = ResultFixtures.lane(Board.PI5, "m", "onnx", "cpu", 2, false);
        String v = Verdict.of(
                "pi5", List.of(ReportLane.ofCompare(0, "pi5", "c", t), ReportLane.ofCompare(1, "pi5", "c", o)));
        assertTrue(v.contains(" faster than ") && !v.contains("ranked only against"), v);
    }

    @Test
    void bareResults_groupByTheirHostNotTheirFileName() {
        ObjectNode a = ResultFixtures.lane(Board.PI5, "vad", "tflite", "xnnpack", 1, false);
        ObjectNode b = ResultFixtures.lane(Board.PI5, "pose", "tflite", "xnnpack", 2, false);
        assertEquals(
                "host aarch64 4 CPUs kernel 6.6.51+rpt-rpi-2712",
                ReportJob.of(a, "vad-run", "vad-run").device());
        assertEquals(
                ReportJob.of(a, "vad-run", "x").device(),
                ReportJob.of(b, "pose-run", "y").device());
        b.remove("host");
        assertEquals("pose-run", ReportJob.of(b, "pose-run", "y").device());
    }

    @Test
    void apartCis_sayFasterWithRatio() {
        String v = Verdict.of(
                "pi5",
                List.of(lane(0, "cpu", 10_000, 9_900, 10_100, true), lane(1, "xnnpack", 4_000, 3_950, 4_050, true)));
        assertTrue(
                v.startsWith(
                        "pi5: m.tflite tflite:xnnpack x4 is fastest at p50, 4.00 ms (95 % CI 3.95-4.05 ms);"
                                + " 2.50x faster than (95 % CIs do not overlap) m.tflite tflite:cpu x4 (10.0 ms, 95 % CI 9.90-10.1 ms)."),
                v);
    }

    @Test
    void overlappingCis_sayNotSignificant() {
        String v = Verdict.of(
                "pi5",
                List.of(lane(0, "cpu", 4_100, 3_900, 4_300, true), lane(1, "xnnpack", 4_000, 3_800, 4_200, true)));
        assertTrue(v.contains("not significantly faster (1.03x, the 95 % CIs overlap) than"), v);
    }

    @Test
    void noCis_sayUnknownSignificance() {
        String v =
                Verdict.of("pi5", List.of(lane(0, "cpu", 8_000, 0, 0, false), lane(1, "xnnpack", 4_000, 0, 0, false)));
        assertTrue(
                v.contains("2.00x faster than (no confidence intervals in these results, so significance is"
                        + " unknown)"),
                v);
    }

    @Test
    void subMillisecond_inMicroseconds() {
        assertEquals("12.3 us", Verdict.ms(12.34));
        assertEquals("850 us", Verdict.ms(850.0));
        assertEquals(
                " (95 % CI 950 us-1.05 ms)", Verdict.ci(new io.edgebench.resultstore.ResultFields.Interval(950, 1050)));
    }

    @Test
    void since_acceptsAgesDatesInstants_rejectsOthersWithExamples() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli(), ReportInputs.sinceMs("7d", now));
        assertEquals(Instant.parse("2026-11-30T00:00:00Z").toEpochMilli(), ReportInputs.sinceMs("2026-11-30", now));
        assertEquals(
                Instant.parse("2026-11-30T08:00:00Z").toEpochMilli(),
                ReportInputs.sinceMs("2026-11-30T08:00:00Z", now));
        var e = assertThrows(IllegalArgumentException.class, () -> ReportInputs.sinceMs("last week", now));
        assertEquals(
                "--since [last week] must be an instant (2026-11-30T10:00:00Z), a date (2026-11-30) or an age"
                        + " (90m, 24h, 7d)",
                e.getMessage());
    }
}

package io.edgebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.results.Accuracy;
import io.edgebench.results.AccuracyPair;
import io.edgebench.results.LaneAccuracy;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import io.edgebench.stats.ConfidenceInterval;
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

    private static ReportJob compare(String device, String job, double tfliteP50, double onnxP50) {
        ObjectNode t = ResultFixtures.lane(Board.PI5, "m", "tflite", "xnnpack", 1, false);
        ObjectNode o = ResultFixtures.lane(Board.PI5, "m", "onnx", "cpu", 2, false);
        ((ObjectNode) t.get("latency_us")).put("p50", tfliteP50);
        ((ObjectNode) o.get("latency_us")).put("p50", onnxP50);
        ObjectNode c = Json.mapper().createObjectNode();
        c.putArray("results").add(t).add(o);
        c.putArray("verdicts")
                .addObject()
                .put("a", 0)
                .put("b", 1)
                .put("text", "tflite:xnnpack is 1.84x faster than onnx:cpu at p50 (95 % CI 1.79-1.90)");
        c.putArray("not_measured").add("temperature: not measured: this board has no temperature source");
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("device_id", device).put("job_id", job).put("verb", "compare").put("status", "ok");
        m.set("result", c);
        return ReportJob.of(m, device, job);
    }

    @Test
    void compareLanes_rankedTogetherThoughTheirFilesDiffer_withTheComparesOwnPairedVerdict() {
        String v = Verdict.of("pi5", HtmlReport.lanes(List.of(compare("pi5", "c", 4_000, 7_400))));
        assertTrue(v.contains(" faster than ") && !v.contains("ranked only against"), v);
        assertTrue(
                v.contains("m.tflite tflite:xnnpack x4 is fastest at p50, 4.00 ms; paired over its worker processes,"
                        + " the compare says: tflite:xnnpack is 1.84x faster than onnx:cpu at p50 (95 % CI"
                        + " 1.79-1.90)."),
                v);
        assertFalse(v.contains("CIs do not overlap"), "not the lanes' own unpaired intervals: " + v);
        assertTrue(v.contains("Compare c: temperature: not measured: this board has no temperature source."), v);
    }

    @Test
    void compareOnTwoBoards_rankedAcrossThemUnderTheComparesModels() {
        List<ReportLane> lanes =
                HtmlReport.lanes(List.of(compare("pi5", "c1", 4_000, 7_400), compare("pi4", "c2", 9_000, 15_000)));
        String overall = Verdict.overall(lanes).orElseThrow();
        assertEquals(
                "Fastest valid lane for compare m.tflite vs m.onnx over 2 device(s): m.tflite tflite:xnnpack x4 on"
                        + " pi5, p50 4.00 ms.",
                overall);
    }

    private static ReportLane energyLane(int id, String delegate, Double mj, Double pm) {
        ObjectNode r = ResultFixtures.lane(Board.PI5, "m", "tflite", delegate, id, false);
        ((ObjectNode) r.get("latency_us")).put("p50", 4_000 + id * 1_000);
        r.put("valid", true);
        ObjectNode e = (ObjectNode) r.get("telemetry").get("energy");
        if (mj == null) {
            e.put("valid", false).remove(List.of("energy_per_inference_mj", "energy_per_inference_uncertainty_mj"));
            e.putArray("invalid_reasons").add("power source silent for 3.2 s of the window");
        } else {
            e.put("energy_per_inference_mj", mj).put("energy_per_inference_uncertainty_mj", pm);
        }
        return ReportLane.of(id, "pi5", "j" + id, r);
    }

    @Test
    void invalidEnergy_saysInvalidWithItsReasons_notNoPowerSource() throws Exception {
        ReportLane invalid = energyLane(0, "xnnpack", null, null);
        assertEquals("invalid: power source silent for 3.2 s of the window", invalid.energyText());
        String v = Verdict.of("pi5", List.of(invalid));
        assertTrue(
                v.contains("Energy per inference is invalid: m.tflite tflite:xnnpack x4 (power source silent for 3.2 s"
                        + " of the window)."),
                v);
        assertFalse(v.contains("no power source"), v);
        ObjectNode noPower = ResultFixtures.lane(Board.CORAL, "m", "tflite", "cpu", 1, false);
        assertEquals(
                "not measured (no power source)",
                ReportLane.of(1, "coral", "j", noPower).energyText());
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("device_id", "pi5").put("job_id", "j").put("verb", "bench").put("status", "ok");
        m.set("result", ResultFixtures.lane(Board.PI5, "m", "tflite", "xnnpack", 0, false));
        ((ObjectNode) m.get("result").get("telemetry").get("energy"))
                .put("valid", false)
                .remove("energy_per_inference_mj");
        ((ObjectNode) m.get("result").get("telemetry").get("energy"))
                .putArray("invalid_reasons")
                .add("power source silent for 3.2 s of the window");
        String html = HtmlReport.render("t", List.of(ReportJob.of(m, "pi5", "j")), "now");
        assertTrue(html.contains("energy per inference (invalid: power source silent for 3.2 s of the window)"));
        assertTrue(html.contains("<td>invalid: power source silent for 3.2 s of the window</td>"));
        assertFalse(html.contains("not measured (no power source)"));
    }

    @Test
    void energy_rankedPerWorkloadAndOnlyWhenIntervalsAreApart() {
        String overlap =
                Verdict.of("pi5", List.of(energyLane(0, "xnnpack", 2.00, 0.20), energyLane(1, "cpu", 2.30, 0.20)));
        assertTrue(
                overlap.contains("Energy per inference is not distinguishable between m.tflite tflite:xnnpack x4 at"
                        + " 2.00 mJ ± 0.20 mJ and m.tflite tflite:cpu x4 at 2.30 mJ ± 0.20 mJ (± intervals overlap)."),
                overlap);
        String apart =
                Verdict.of("pi5", List.of(energyLane(0, "xnnpack", 2.00, 0.10), energyLane(1, "cpu", 3.00, 0.10)));
        assertTrue(
                apart.contains("Least energy per inference: m.tflite tflite:xnnpack x4 at 2.00 mJ ± 0.10 mJ, less"
                        + " than m.tflite tflite:cpu x4 at 3.00 mJ ± 0.10 mJ (± intervals do not overlap)."),
                apart);
        String only =
                Verdict.of("pi5", List.of(energyLane(0, "xnnpack", 2.00, 0.10), energyLane(1, "cpu", null, null)));
        assertTrue(
                only.contains("Energy per inference: only m.tflite tflite:xnnpack x4 at 2.00 mJ ± 0.10 mJ measured."),
                only);
        assertFalse(only.contains("Least energy"), only);
        // another model's lane is not ranked against these for energy either
        ObjectNode pose = ResultFixtures.lane(Board.PI5, "pose", "tflite", "xnnpack", 3, false);
        ((ObjectNode) pose.get("telemetry").get("energy")).put("energy_per_inference_mj", 0.5);
        pose.put("valid", true);
        String two =
                Verdict.of("pi5", List.of(energyLane(0, "xnnpack", 2.00, 0.10), ReportLane.of(3, "pi5", "p", pose)));
        assertFalse(two.contains("Least energy"), two);
        assertTrue(two.contains("Energy per inference: pose.tflite tflite:xnnpack x4 at 0.50 mJ"), two);
    }

    @Test
    void p99_notResolvedOnlyWithTooFewRuns() {
        ObjectNode r = ResultFixtures.lane(Board.PI5, "m", "tflite", "xnnpack", 0, false);
        ((ObjectNode) r.get("latency_us")).putNull("p99");
        r.put("runs", 400);
        StringBuilder few = new StringBuilder();
        ReportTables.lanes(few, List.of(ReportLane.of(0, "pi5", "j", r)));
        assertTrue(few.toString().contains("<td>not resolved (needs 1000 runs)</td>"), few.toString());
        r.put("runs", 5_000);
        StringBuilder many = new StringBuilder();
        ReportTables.lanes(many, List.of(ReportLane.of(0, "pi5", "j", r)));
        assertFalse(many.toString().contains("not resolved"), many.toString());
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
                v.startsWith("pi5: m.tflite tflite:xnnpack x4 is fastest at p50, 4.00 ms (95 % CI 3.95-4.05 ms);"
                        + " 2.50x faster than (separate runs, unpaired: their 95 % CIs do not overlap)"
                        + " m.tflite tflite:cpu x4 (10.0 ms, 95 % CI 9.90-10.1 ms)."),
                v);
    }

    @Test
    void overlappingCis_sayNotSignificant() {
        String v = Verdict.of(
                "pi5",
                List.of(lane(0, "cpu", 4_100, 3_900, 4_300, true), lane(1, "xnnpack", 4_000, 3_800, 4_200, true)));
        assertTrue(
                v.contains("not significantly faster (1.03x; separate runs, unpaired: their 95 % CIs overlap) than"),
                v);
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

    @Test
    void since_beyondEpochMilliseconds_saysSoWithTheValue() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(Instant.parse("1753-02-15T10:00:00Z").toEpochMilli(), ReportInputs.sinceMs("100000d", now));
        var e = assertThrows(IllegalArgumentException.class, () -> ReportInputs.sinceMs("9999999999999d", now));
        assertEquals(
                "--since [9999999999999d] is out of range: beyond what epoch milliseconds hold (about 292 million"
                        + " years either side of 1970); e.g. 7d or 2026-11-30",
                e.getMessage());
    }
    /**
     * A compare of four lanes that carried a labelled set: lane 0 ahead of lane 2, lanes 0 and 1 not resolved, 1 and
     * 2 the same on every image, lane 3 not scored.
     */
    private static ReportJob compareOnLabelledSet() {
        ReportJob plain = compare("pi5", "c", 4_000, 7_400);
        List<String> labels =
                List.of("m.tflite tflite:xnnpack", "m.onnx onnx:cpu", "q.tflite tflite:xnnpack", "r.tflite tflite:cpu");
        List<com.fasterxml.jackson.databind.JsonNode> results = new java.util.ArrayList<>(plain.lanes());
        results.add(ResultFixtures.lane(Board.PI5, "q", "tflite", "xnnpack", 3, false));
        results.add(ResultFixtures.lane(Board.PI5, "r", "tflite", "cpu", 4, false));
        ConfidenceInterval wilson = new ConfidenceInterval(0.88, 0.95, 0.95, "wilson");
        LaneAccuracy.Score s = new LaneAccuracy.Score(184, 200, 0.92, wilson);
        List<LaneAccuracy> lanes = List.of(
                new LaneAccuracy(labels.get(0), "output", s, null, labels.get(0) + " top-1 92.0 %"),
                new LaneAccuracy(labels.get(1), "output", s, null, labels.get(1) + " top-1 92.0 %"),
                new LaneAccuracy(labels.get(2), "output", s, null, labels.get(2) + " top-1 87.5 %"),
                LaneAccuracy.notScored(labels.get(3), null, "no classifier output"));
        ConfidenceInterval ci = new ConfidenceInterval(0.006, 0.022, 0.95, "newcombe");
        AccuracyPair ahead = AccuracyPair.builder(0, 2, new AccuracyPair.Table(180, 12, 3, 5))
                .differenceCi(ci)
                .mcnemarP(0.035)
                .outcome(AccuracyPair.Outcome.A_BETTER)
                .text("m.tflite tflite:xnnpack is 4.5 points of top-1 ahead of q.tflite tflite:xnnpack")
                .build();
        AccuracyPair unresolved = AccuracyPair.builder(0, 1, new AccuracyPair.Table(182, 2, 2, 14))
                .differenceCi(new ConfidenceInterval(-0.02, 0.02, 0.95, "newcombe"))
                .outcome(AccuracyPair.Outcome.NOT_RESOLVED)
                .text(
                        "m.tflite tflite:xnnpack and m.onnx onnx:cpu: no top-1 difference shown on these 200 images (m.onnx"
                                + " onnx:cpu is 0.0 points behind; 95 % CI -2.0 to 2.0 includes 0)")
                .build();
        AccuracyPair same = AccuracyPair.builder(1, 2, new AccuracyPair.Table(184, 0, 0, 16))
                .differenceCi(new ConfidenceInterval(-0.02, 0.02, 0.95, "newcombe"))
                .outcome(AccuracyPair.Outcome.SAME_ON_ALL)
                .text("m.onnx onnx:cpu and q.tflite tflite:xnnpack: same top-1 on all 200 images")
                .build();
        Accuracy acc = new Accuracy("set", 200, List.of(), "p / 255", lanes, List.of(ahead, unresolved, same));
        ObjectNode c = Json.mapper().createObjectNode();
        labels.forEach(c.putArray("lanes")::add);
        c.set("accuracy", Json.mapper().valueToTree(acc));
        return new ReportJob(
                plain.device(),
                plain.jobId(),
                plain.verb(),
                plain.status(),
                plain.error(),
                plain.finishedTs(),
                results,
                plain.agreement(),
                plain.verdicts(),
                plain.notMeasured(),
                ReportAccuracy.of(c).orElseThrow());
    }

    @Test
    void compareOnALabelledSet_quotesThePairsItShowsApartAndThoseItCannot_notThoseScoredTheSame() {
        List<ReportLane> lanes = HtmlReport.lanes(List.of(compareOnLabelledSet()));
        String v = Verdict.of("pi5", lanes);
        assertTrue(
                v.contains("Top-1 on 200 labelled images (compare c): m.tflite tflite:xnnpack is 4.5 points of top-1"
                        + " ahead of q.tflite tflite:xnnpack; m.tflite tflite:xnnpack and m.onnx onnx:cpu: no top-1"
                        + " difference shown on these 200 images."),
                v);
        assertFalse(v.contains("same top-1 on all"), v);
        assertFalse(v.contains("includes 0"), "an unresolved pair's numbers stay in the accuracy table: " + v);
        assertEquals("92.0 % (95 % CI 88.0-95.0) of 200", lanes.get(0).top1Text());
        assertEquals("not scored", lanes.get(3).top1Text(), "the set was there, this lane's outputs not scorable");
    }

    @Test
    void compareWithoutALabelledSet_saysNothingOfAccuracy_andItsTopOneCellIsAbsent() {
        List<ReportLane> lanes = HtmlReport.lanes(List.of(compare("pi5", "c", 4_000, 7_400)));
        assertFalse(Verdict.of("pi5", lanes).contains("Top-1"), Verdict.of("pi5", lanes));
        assertEquals("absent", lanes.get(0).top1Text());
    }

    @Test
    void accuracyCard_showsEnergyPerCorrectInference_onlyWhenALaneMeasuredIt() {
        ConfidenceInterval wilson = new ConfidenceInterval(0.67, 0.89, 0.95, "wilson");
        LaneAccuracy.Score s = new LaneAccuracy.Score(40, 50, 0.8, wilson);
        LaneAccuracy measured = new LaneAccuracy("m tflite:cpu", "out", s, null, "m tflite:cpu top-1 80.0 %")
                .withEnergyPerCorrect(
                        LaneAccuracy.EnergyPerCorrect.of(2.0, 0.1, s, LaneAccuracy.EnergyPerCorrect.Basis.TIMED_RUNS));
        LaneAccuracy plain = new LaneAccuracy("m onnx:cpu", "out", s, null, "m onnx:cpu top-1 80.0 %");
        ObjectNode c = Json.mapper().createObjectNode();
        c.putArray("lanes").add("m tflite:cpu").add("m onnx:cpu");
        c.set(
                "accuracy",
                Json.mapper()
                        .valueToTree(new Accuracy("set", 50, List.of(), "p", List.of(measured, plain), List.of())));
        StringBuilder h = new StringBuilder();
        AccuracyTables.render(h, ReportAccuracy.of(c).orElseThrow());
        assertTrue(h.toString().contains("<th>gross energy / correct inference</th>"), h.toString());
        assertTrue(h.toString().contains("<td>2.50 mJ</td>"), h.toString());
        assertTrue(h.toString().contains("<td>absent</td>"), "the lane without energy: " + h);

        ((ObjectNode) c.get("accuracy").get("lanes").get(0)).remove("energy_per_correct_inference");
        StringBuilder without = new StringBuilder();
        AccuracyTables.render(without, ReportAccuracy.of(c).orElseThrow());
        assertFalse(without.toString().contains("energy"), "no column when no lane measured energy: " + without);
    }
}

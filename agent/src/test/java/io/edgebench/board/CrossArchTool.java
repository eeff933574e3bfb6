package io.edgebench.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.tflite.edgetpu.CustomOpModels;
import io.edgebench.worker.OutputsReport;
import io.edgebench.worker.WorkerMain;
import io.edgebench.worker.WorkerMessage;
import io.edgebench.worker.WorkerRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Helper of .ci/arm64-suite.sh, run with the jar under test on the class path, once by the host JVM and once by
 * the arm64 JVM under qemu:
 * <pre>
 *   outputs OUT.json MODEL...   every lane's outputs (tflite:cpu, tflite:xnnpack for .tflite; onnx:cpu for .onnx)
 *                               for seeds 1..3, through the worker's outputs mode (served in this JVM)
 *   diff A.json B.json TOL      max abs difference per lane; exit 1 above TOL or when the lanes differ
 *   edgetpu-model FILE          a model whose one op is edgetpu-custom-op, for the stand-in libedgetpu
 * </pre>
 */
public final class CrossArchTool {
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L);

    private CrossArchTool() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "outputs" -> outputs(Path.of(args[1]), List.of(args).subList(2, args.length));
            case "diff" -> System.exit(diff(Path.of(args[1]), Path.of(args[2]), Double.parseDouble(args[3])));
            case "edgetpu-model" -> CustomOpModels.write(Path.of(args[1]), false);
            default ->
                throw new IllegalArgumentException("unknown mode [" + args[0] + "]: outputs, diff or edgetpu-model");
        }
    }

    private static void outputs(Path out, List<String> models) throws Exception {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("os_arch", System.getProperty("os.arch"));
        ObjectNode lanes = root.putObject("lanes");
        for (String m : models) {
            Path model = Path.of(m);
            boolean tflite = m.endsWith(".tflite");
            for (Delegate d : tflite ? List.of(Delegate.CPU, Delegate.XNNPACK) : List.of(Delegate.CPU)) {
                RuntimeKind kind = tflite ? RuntimeKind.TFLITE : RuntimeKind.ONNX;
                OutputsReport report = outputsInProcess(params(model, kind, d));
                ArrayNode perSeed = lanes.putArray(model.getFileName() + " " + kind + ":" + d);
                for (OutputsReport.SeedOutputs run : report.runs()) {
                    ArrayNode values = perSeed.addArray();
                    for (float[] a : run.outputs()) {
                        for (float v : a) {
                            values.add(v);
                        }
                    }
                }
            }
        }
        Files.writeString(out, Json.mapper().writeValueAsString(root));
    }

    /**
     * The worker's outputs mode, served in this JVM (one emulated JVM start instead of one per lane): the same
     * request, session and input generation as compare's workers.
     */
    private static OutputsReport outputsInProcess(BenchParams p) throws Exception {
        ByteArrayOutputStream protocol = new ByteArrayOutputStream();
        String request = Json.mapper().writeValueAsString(WorkerRequest.outputs(p, SEEDS, 1 << 20));
        int exit = new WorkerMain(new PrintStream(protocol, true, StandardCharsets.UTF_8)).serve(request);
        for (String line : protocol.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                WorkerMessage msg = Json.mapper().readValue(line, WorkerMessage.class);
                if (msg.outputs() != null) {
                    return msg.outputs();
                }
            }
        }
        throw new IllegalStateException(p.model() + " " + p.runtime() + ":" + p.delegate() + ": no outputs (exit "
                + exit + "): " + protocol.toString(StandardCharsets.UTF_8));
    }

    private static BenchParams params(Path model, RuntimeKind kind, Delegate d) {
        BenchParams x = BenchParams.defaults(model);
        return BenchParams.builder(model)
                .runtime(kind)
                .delegate(d)
                .threads(1)
                .warmupRuns(x.warmupRuns())
                .warmupSeconds(x.warmupSeconds())
                .runs(x.runs())
                .minSeconds(x.minSeconds())
                .maxSeconds(x.maxSeconds())
                .seed(x.seed())
                .onnxSpinning(false)
                .edgeTpu(x.edgeTpu())
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(x.cooldownMaxSeconds())
                .build();
    }

    private static int diff(Path a, Path b, double tolerance) throws Exception {
        JsonNode ja = Json.mapper().readTree(a.toFile());
        JsonNode jb = Json.mapper().readTree(b.toFile());
        int bad = 0;
        for (Iterator<String> it = ja.get("lanes").fieldNames(); it.hasNext(); ) {
            String lane = it.next();
            JsonNode la = ja.get("lanes").get(lane);
            JsonNode lb = jb.get("lanes").get(lane);
            if (lb == null || la.size() != lb.size()) {
                System.out.println("lane [" + lane + "] missing or of another size in " + b);
                bad++;
                continue;
            }
            double max = 0;
            int n = 0;
            for (int s = 0; s < la.size(); s++) {
                if (la.get(s).size() != lb.get(s).size()) {
                    System.out.println("lane [" + lane + "] seed " + (s + 1) + ": "
                            + la.get(s).size() + " vs " + lb.get(s).size() + " values");
                    bad++;
                }
                for (int i = 0; i < Math.min(la.get(s).size(), lb.get(s).size()); i++) {
                    max = Math.max(
                            max,
                            Math.abs(la.get(s).get(i).asDouble()
                                    - lb.get(s).get(i).asDouble()));
                    n++;
                }
            }
            boolean ok = max <= tolerance && n > 0;
            bad += ok ? 0 : 1;
            System.out.printf(
                    "%s %s vs %s, lane %s: %d values, max abs error %.3g (tolerance %.0e)%n",
                    ok ? "ok" : "FAIL",
                    ja.get("os_arch").asText(),
                    jb.get("os_arch").asText(),
                    lane,
                    n,
                    max,
                    tolerance);
        }
        if (jb.get("lanes").size() != ja.get("lanes").size()) {
            System.out.println("lane sets differ: " + ja.get("lanes").size() + " vs "
                    + jb.get("lanes").size());
            bad++;
        }
        return bad == 0 ? 0 : 1;
    }
}

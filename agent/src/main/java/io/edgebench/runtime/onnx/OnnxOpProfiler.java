package io.edgebench.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.ModelLoadException;
import io.edgebench.results.OpProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-node times from ONNX Runtime's own session profiling: profiling is a session option, so the profiled pass runs
 * on a second session of the same model and options with {@code enableProfiling}, fed the same input tensors; the
 * timed session never profiles. {@code endProfiling} writes a Chrome trace JSON (about 80 KB per run for a 100-node
 * model): "Node" events named {@code <node>_kernel_time} with {@code dur} in microseconds and {@code args.op_name},
 * and one "Session" {@code model_run} event per run. Only node events inside the timed model_run windows count (the
 * warm-up run is left out). The trace file lives in a temp directory and is deleted after parsing.
 */
final class OnnxOpProfiler {
    private static final String KERNEL_SUFFIX = "_kernel_time";

    private OnnxOpProfiler() {}

    static OpProfile profile(
            OrtEnvironment env,
            java.nio.ByteBuffer model,
            OrtSession.SessionOptions options,
            Map<String, OnnxTensor> feed,
            int runs,
            String modelName) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("edgebench-ort-profile");
            options.enableProfiling(dir.resolve("profile").toString());
            Path trace;
            try (OrtSession session = env.createSession(model, options)) {
                session.run(feed).close(); // warm-up: first-run allocations are not the steady state
                for (int i = 0; i < runs; i++) {
                    session.run(feed).close();
                }
                trace = Path.of(session.endProfiling());
            }
            OpProfile p = parse(Files.readAllBytes(trace), runs);
            Files.deleteIfExists(trace);
            return p;
        } catch (OrtException e) {
            throw new ModelLoadException(
                    "ONNX Runtime's profiled pass of model [" + modelName + "] failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(
                    "ONNX Runtime's profile of model [" + modelName + "] could not be read: " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The last {@code runs} model_run windows of a trace, and the node events inside them. The pass latency is the
     * mean model_run duration: ONNX Runtime's own clock around the same runs (the Java binding's call overhead and
     * output wrapping are outside both it and the node events).
     */
    static OpProfile parse(byte[] json, int runs) throws IOException {
        JsonNode events = Json.mapper().readTree(json);
        List<long[]> windows = new ArrayList<>();
        for (JsonNode e : events) {
            if ("Session".equals(e.path("cat").asText())
                    && "model_run".equals(e.path("name").asText())) {
                long ts = e.path("ts").asLong();
                windows.add(new long[] {ts, ts + e.path("dur").asLong()});
            }
        }
        List<long[]> timed = windows.subList(Math.max(0, windows.size() - runs), windows.size());
        OpProfile.Builder b = new OpProfile.Builder("onnxruntime session profiling");
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!"Node".equals(e.path("cat").asText()) || !name.endsWith(KERNEL_SUFFIX)) {
                continue;
            }
            long ts = e.path("ts").asLong();
            if (timed.stream().noneMatch(w -> ts >= w[0] && ts <= w[1])) {
                continue;
            }
            String node = name.substring(0, name.length() - KERNEL_SUFFIX.length());
            b.add(
                    node,
                    e.path("args").path("op_name").asText("?"),
                    e.path("dur").asLong() * 1_000,
                    1,
                    false);
        }
        double runUs = timed.stream().mapToLong(w -> w[1] - w[0]).sum() / (double) Math.max(1, timed.size());
        b.note("pass latency: the mean of ONNX Runtime's model_run events over the same runs");
        return b.build(Math.max(1, timed.size()), runUs);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp file must not fail the benchmark
        }
    }
}

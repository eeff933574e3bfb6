package io.edgebench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.LaneOptions;
import io.edgebench.wire.SendPayload;
import io.edgebench.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's MQTT conversation: one compare job over the model pair with three lanes (TFLite with XNNPACK, TFLite
 * builtin kernels, ONNX Runtime CPU) and the output agreement of every pair; returns its result message.
 */
final class DemoJobs {
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(10);

    private final Controller controller;
    private final String deviceId;
    private final int runs;
    private final Consumer<String> step;

    DemoJobs(Controller controller, String deviceId, int runs, Consumer<String> step) {
        this.controller = controller;
        this.deviceId = deviceId;
        this.runs = runs;
        this.step = step;
    }

    List<JsonNode> run(Path tflite, Path onnx) throws UnavailableException {
        // agreement_inputs left out: the agent's default, as the CLI's; heat blocks off: on a machine with a
        // temperature sensor they would add minutes to a tour that takes one (DemoSensors says so)
        ObjectNode compare = SendPayload.write(CompareRequest.of(
                List.of(name(tflite), name(onnx)),
                List.of("tflite:xnnpack", "tflite:cpu", "onnx:cpu"),
                LaneOptions.runs(runs),
                0));
        Controller.Job job = submit(Topics.COMPARE, compare);
        if (!job.reply().ok()) {
            throw rejected(job);
        }
        return List.of(controller.awaitResult(job, RESULT_TIMEOUT));
    }

    private Controller.Job submit(String verb, ObjectNode request) throws UnavailableException {
        Controller.Job job = controller.submit(deviceId, verb, request, REPLY_TIMEOUT, this::progress);
        if (job.reply().ok()) {
            step.accept(verb + " "
                    + request.path("model").asText(request.path("models").toString()) + " "
                    + request.path("delegates").toString() + " -> job " + job.jobId() + ", queue position "
                    + job.reply().data().path("queue_position").asText("?"));
        }
        return job;
    }

    private void progress(JsonNode p) {
        String phase = p.path("phase").asText();
        step.accept("job " + p.path("job_id").asText() + ": " + phase
                + ("run".equals(phase) && p.path("runs_done").asLong(0) > 0
                        ? " (" + p.path("runs_done").asLong() + " runs so far)"
                        : ""));
    }

    private static IllegalStateException rejected(Controller.Job job) {
        return new IllegalStateException(
                "the demo agent rejected " + job.reply().verb() + " ("
                        + job.reply().code() + "): " + job.reply().error());
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}

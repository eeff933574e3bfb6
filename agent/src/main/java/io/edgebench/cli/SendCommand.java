package io.edgebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.Reply;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.controller.LocalUpload;
import io.edgebench.controller.SetUpload;
import io.edgebench.json.Json;
import io.edgebench.results.ReplyCode;
import io.edgebench.wire.JobStatus;
import io.edgebench.wire.SendPayload;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `edgebench send`: the controller side of the MQTT protocol (docs/mqtt.md, docs/demo.md). */
@Command(
        name = "send",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Send a command to an agent over MQTT 5 and print its reply; for bench and compare, wait for "
                    + "the result and print it like the local command.",
            "Verbs: ping, inspect, sensors, bench, compare, cancel, models/list, models/put, models/delete,"
                    + " inputs/put, sets/put, sets/delete.",
            "Fields are key=value (JSON values allowed), e.g.:",
            "  send --broker tcp://b:1883 --device pi5 bench model=m.tflite runs=200",
            "  send --broker tcp://b:1883 --device pi5 compare models=m.tflite,m.onnx",
            "  send --broker tcp://b:1883 --device pi5 models/put file=./m.onnx",
            "  send --broker tcp://b:1883 --device pi5 sets/put set=flowers dir=./flowers",
            "  send --broker tcp://b:1883 --fleet ping"
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:the job ran and failed, was cancelled or interrupted",
            "64:bad usage, or the agent rejected the request as malformed",
            "65:the agent has no such model or job",
            "69:broker unreachable, no reply, device offline, device busy or feature not available",
            "70:the agent hit an internal error"
        })
public final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--device", paramLabel = "ID", description = "the agent's device_id")
        String device;

        @Option(
                names = "--fleet",
                description = "send to every agent; collect replies for --timeout seconds;"
                        + " bench/compare: then wait for every agent's result (--result-timeout) and print one table")
        boolean fleet;
    }

    @Option(
            names = "--timeout",
            paramLabel = "S",
            defaultValue = "10",
            description =
                    "seconds to wait for the reply (fleet: how long to collect replies); default ${DEFAULT-VALUE}")
    double timeoutS;

    @Option(
            names = "--result-timeout",
            paramLabel = "S",
            defaultValue = "1800",
            description = "bench/compare: seconds to wait for the result; default ${DEFAULT-VALUE}")
    double resultTimeoutS;

    @Option(names = "--no-wait", description = "bench/compare: print the job id and return without the result")
    boolean noWait;

    @Option(names = "--json", description = "print the raw reply (or result message) JSON")
    boolean json;

    @Option(names = "--payload", paramLabel = "JSON", description = "the whole request as a JSON object")
    String payload;

    @Parameters(index = "0", paramLabel = "VERB", description = "what to ask the agent")
    String verb;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "request fields (see docs/mqtt.md)")
    List<String> fields = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!Topics.VERBS.contains(verb)) {
            throw new IllegalArgumentException("verb [" + verb + "] must be one of " + String.join(", ", Topics.VERBS));
        }
        if (target.device != null) {
            Topics.checkDeviceId(target.device);
        }
        Duration timeout = seconds("--timeout", timeoutS);
        Duration resultTimeout = seconds("--result-timeout", resultTimeoutS);
        ObjectNode request = LocalUpload.attach(verb, SendPayload.build(verb, payload, fields));
        ModelUpload upload =
                Topics.MODELS_PUT.equals(verb) || Topics.INPUTS_PUT.equals(verb) ? ModelUpload.from(request) : null;
        try (Controller controller =
                Controller.connect(broker.link(Controller.newClientId()).build(), timeout)) {
            if ((upload != null || Topics.SETS_PUT.equals(verb)) && target.fleet) {
                throw new IllegalArgumentException(verb + " with a local file goes to one --device at a time");
            }
            if (target.fleet && isJob(verb) && !noWait) {
                return fleetJob(controller, request, timeout, resultTimeout);
            }
            if (target.fleet) {
                return fleet(controller, request, timeout);
            }
            if (upload != null) {
                return printReply(upload.send(part -> controller.request(target.device, verb, part, timeout)));
            }
            if (Topics.SETS_PUT.equals(verb)) {
                return sendSet(controller, SetUpload.heads(request), timeout);
            }
            if (isJob(verb)) {
                return job(controller, request, timeout, resultTimeout);
            }
            Reply reply = controller.request(target.device, verb, request, timeout);
            return printReply(reply);
        } catch (UnavailableException e) {
            spec.commandLine().getErr().println("edgebench: " + e.getMessage());
            return ExitCode.UNAVAILABLE;
        }
    }

    /** Every file of a set, in parts; stops at the first rejection, and says how far it got. */
    private int sendSet(Controller controller, List<ObjectNode> heads, Duration timeout)
            throws UnavailableException, IOException {
        Reply last = null;
        long bytes = 0;
        for (int i = 0; i < heads.size(); i++) {
            ObjectNode head = heads.get(i);
            last = ModelUpload.from(head).send(part -> controller.request(target.device, verb, part, timeout));
            if (!last.ok()) {
                spec.commandLine()
                        .getErr()
                        .println("edgebench: sent " + i + " of " + heads.size() + " files of set ["
                                + head.path("set").asText() + "]; ["
                                + head.path("path").asText() + "] was refused");
                return printReply(last);
            }
            bytes += head.path("size_bytes").asLong();
            if ((i + 1) % 500 == 0 && i + 1 < heads.size()) { // a 10,000-image set takes minutes: say how far
                spec.commandLine().getErr().println("sent " + (i + 1) + " of " + heads.size() + " files");
            }
        }
        spec.commandLine()
                .getErr()
                .println("sent " + heads.size() + " files (" + bytes + " bytes) of set ["
                        + heads.get(0).path("set").asText() + "] to " + target.device);
        return printReply(last);
    }

    private int job(Controller controller, ObjectNode request, Duration timeout, Duration resultTimeout)
            throws UnavailableException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        RemoteProgress progress = new RemoteProgress(err, System.console() != null);
        Controller.Job job = controller.submit(target.device, verb, request, timeout, progress::show);
        if (!job.reply().ok()) {
            return printReply(job.reply());
        }
        err.println("job " + job.jobId() + " accepted by " + target.device + " (queue position "
                + job.reply().data().path("queue_position").asText("?") + ")");
        if (noWait) {
            out().println(job.jobId());
            return ExitCode.OK;
        }
        JsonNode message = controller.awaitResult(job, resultTimeout);
        progress.finish();
        return printResult(out(), err, message, json);
    }

    /** Prints a job's result message; the exit code says whether the job itself succeeded. */
    static int printResult(PrintWriter out, PrintWriter err, JsonNode message, boolean json) throws IOException {
        String status = message.path("status").asText("?");
        if (json) {
            out.println(Json.pretty().writeValueAsString(message));
        } else {
            out.print(RemoteResults.render(message));
        }
        if (JobStatus.lenient(status) != JobStatus.OK) {
            err.println("edgebench: job " + message.path("job_id").asText() + " on "
                    + message.path("device_id").asText() + " ended " + status + ": " + reason(message));
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    /** Why a job failed: its error, else the failure the result carries; never an empty line. */
    static String reason(JsonNode message) {
        for (String ptr : new String[] {
            "/error", "/result/error", "/result/failure/message", "/result/failure/reason", "/result/failure"
        }) {
            JsonNode n = message.at(ptr);
            String text = n.isValueNode() ? n.asText("") : n.isObject() ? n.toString() : "";
            if (!text.isBlank()) {
                return text;
            }
        }
        return "(the result gives no reason; the agent's log has the details under job_id "
                + message.path("job_id").asText("?") + ")";
    }

    private int fleetJob(Controller controller, ObjectNode request, Duration window, Duration resultTimeout)
            throws UnavailableException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        io.edgebench.fleet.FleetJob job =
                io.edgebench.fleet.FleetJob.run(controller, verb, request, window, resultTimeout);
        if (job.replies().isEmpty()) {
            err.println("edgebench: no agent replied to [" + verb + "] on " + Topics.fleetCmd(verb) + " within "
                    + window.toSeconds() + " s; are agents connected to " + broker.url() + "?");
            return ExitCode.UNAVAILABLE;
        }
        if (json) {
            out().println(Json.pretty().writeValueAsString(job.results()));
        } else {
            out().print(io.edgebench.fleet.FleetResultTable.render(job));
        }
        int worst = ExitCode.OK;
        for (Reply r : job.replies()) {
            worst = Math.max(worst, r.ok() ? ExitCode.OK : ReplyCode.exitCodeFor(r.code()));
        }
        for (JsonNode m : job.results().values()) {
            worst = Math.max(
                    worst,
                    JobStatus.lenient(m.path("status").textValue()) == JobStatus.OK ? ExitCode.OK : ExitCode.FAILED);
        }
        if (!job.missing().isEmpty()) {
            err.println("edgebench: no result from " + String.join(", ", job.missing()) + " for job " + job.jobId()
                    + " within " + resultTimeout.toSeconds() + " s; raise --result-timeout");
            worst = Math.max(worst, ExitCode.UNAVAILABLE);
        }
        return worst;
    }

    private int fleet(Controller controller, ObjectNode request, Duration window)
            throws UnavailableException, IOException {
        List<Reply> replies = controller.requestFleet(verb, request, window);
        if (replies.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("edgebench: no agent replied to [" + verb + "] on "
                            + Topics.fleetCmd(verb) + " within " + window.toSeconds() + " s; are agents connected to "
                            + broker.url() + "?");
            return ExitCode.UNAVAILABLE;
        }
        int worst = ExitCode.OK;
        for (Reply reply : replies) {
            worst = Math.max(worst, printReply(reply));
        }
        return worst;
    }

    private int printReply(Reply reply) throws IOException {
        PrintWriter out = out();
        if (json) {
            out.println(Json.pretty().writeValueAsString(reply.raw()));
        } else if (reply.ok()) {
            String prefix = target.fleet ? reply.deviceId() + ": " : "";
            out.println(prefix + human(reply.data()));
        }
        if (!reply.ok()) {
            spec.commandLine()
                    .getErr()
                    .println("edgebench: device [" + reply.deviceId() + "] rejected [" + verb + "] (" + reply.code()
                            + "): " + reply.error());
            return ReplyCode.exitCodeFor(reply.code());
        }
        return ExitCode.OK;
    }

    private String human(JsonNode data) throws IOException {
        if (data == null || data.isNull()) {
            return "ok";
        }
        if (Topics.PING.equals(verb)) {
            return "pong: edgebench " + data.path("version").asText("?") + ", up "
                    + data.path("uptime_s").asText("?")
                    + " s, queue " + data.path("queue_length").asText("0") + ", current job "
                    + (data.hasNonNull("current_job") ? data.get("current_job").asText() : "none");
        }
        return Json.pretty().writeValueAsString(data);
    }

    static boolean isJob(String verb) {
        return Topics.BENCH.equals(verb) || Topics.COMPARE.equals(verb);
    }

    private static Duration seconds(String option, double s) {
        if (!(s > 0 && s <= 86_400)) {
            throw new IllegalArgumentException(option + " [" + s + "] must be 0 < S <= 86400 seconds");
        }
        return Duration.ofMillis((long) (s * 1000));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}

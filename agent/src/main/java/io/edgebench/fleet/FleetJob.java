package io.edgebench.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.controller.Controller;
import io.edgebench.controller.Controller.Reply;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.SendPayload;
import io.edgebench.wire.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bench or compare sent to every agent under one job id, and every agent's result waited for (up to a deadline):
 * results are subscribed to before the request goes out, so none published early is missed.
 *
 * @param known agents with a retained status that is not offline (those that should have answered)
 */
public record FleetJob(String jobId, List<Reply> replies, Map<String, JsonNode> results, Set<String> known) {

    public static FleetJob run(
            Controller controller, String verb, ObjectNode request, Duration replyWindow, Duration resultTimeout)
            throws UnavailableException {
        ObjectNode req = request.hasNonNull("job_id") ? request : SendPayload.withJobId(request, Controller.newJobId());
        String jobId = Topics.checkId("job_id", req.get("job_id").asText());
        Map<String, JsonNode> results = new ConcurrentHashMap<>();
        Set<String> known = ConcurrentHashMap.newKeySet();
        controller.watch(
                Topics.resultOfEveryDevice(jobId),
                (topic, body) -> Topics.deviceOf(topic, "result").ifPresent(d -> results.putIfAbsent(d, body)));
        controller.watch(
                Topics.statusFilter("+"),
                (topic, body) -> Topics.deviceOf(topic, "status").ifPresent(d -> {
                    if (AgentState.of(body.path("state").textValue()) == AgentState.OFFLINE) {
                        known.remove(d);
                    } else {
                        known.add(d);
                    }
                }));
        List<Reply> replies = controller.requestFleet(verb, req, replyWindow);
        Set<String> accepted = new TreeSet<>();
        replies.stream().filter(Reply::ok).forEach(r -> accepted.add(r.deviceId()));
        long deadline = System.nanoTime() + resultTimeout.toNanos();
        while (!results.keySet().containsAll(accepted) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new FleetJob(jobId, List.copyOf(replies), new TreeMap<>(results), new TreeSet<>(known));
    }

    /** Devices that accepted the job but sent no result before the deadline. */
    public List<String> missing() {
        List<String> m = new ArrayList<>();
        replies.stream()
                .filter(Reply::ok)
                .map(Reply::deviceId)
                .filter(d -> !results.containsKey(d))
                .sorted()
                .forEach(m::add);
        return m;
    }

    /** Agents with a live status that did not reply within the window. */
    public List<String> silent() {
        Set<String> replied = new TreeSet<>();
        replies.forEach(r -> replied.add(r.deviceId()));
        return known.stream().filter(d -> !replied.contains(d)).sorted().toList();
    }
}

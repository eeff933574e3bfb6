package io.edgebench.rig;

import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Agents on the agent's own link ({@link PahoBrokerLink}: its connect, resubscribe and backoff code, the will and
 * TCP_NODELAY), answering as the fake worker does. Each costs Paho's threads, so the rig runs a few hundred of these
 * beside the light emulated fleet: these are the ones whose reconnect storm measures the agent's real backoff.
 */
final class LinkAgents implements AutoCloseable {
    private final List<PahoBrokerLink> links = new ArrayList<>();
    private final ScheduledExecutorService workers;
    private final AtomicLong resultsAcked = new AtomicLong();
    private final long workMinMs;
    private final long workMaxMs;

    LinkAgents(
            String prefix,
            int count,
            String brokerUrl,
            ScheduledExecutorService workers,
            long workMinMs,
            long workMaxMs)
            throws IOException {
        this.workers = workers;
        this.workMinMs = workMinMs;
        this.workMaxMs = workMaxMs;
        for (int i = 0; i < count; i++) {
            String device = String.format("%s-%04d", prefix, i);
            LinkSettings s = LinkSettings.builder(brokerUrl, device)
                    .will(BrokerLink.Outbound.of(
                            Topics.status(device),
                            FakeWorker.status(device, AgentState.OFFLINE),
                            Topics.QOS_RESULT,
                            true))
                    .build();
            PahoBrokerLink link = new PahoBrokerLink(s, line -> {});
            links.add(link);
            link.start(List.of(Topics.cmdFilter(device), Topics.fleetCmdFilter()), new Handler(device, i, link));
        }
    }

    int connected() {
        return (int) links.stream().filter(PahoBrokerLink::isConnected).count();
    }

    long connectAttempts() {
        return links.stream().mapToLong(PahoBrokerLink::connectAttempts).sum();
    }

    int size() {
        return links.size();
    }

    long resultsAcked() {
        return resultsAcked.get();
    }

    @Override
    public void close() {
        links.forEach(l -> l.close(null));
    }

    private final class Handler implements BrokerLink.Listener {
        private final String device;
        private final long seed;
        private final PahoBrokerLink link;

        Handler(String device, long seed, PahoBrokerLink link) {
            this.device = device;
            this.seed = seed;
            this.link = link;
        }

        @Override
        public void onConnected() {
            link.publish(BrokerLink.Outbound.of(
                    Topics.status(device), FakeWorker.status(device, AgentState.ONLINE), Topics.QOS_RESULT, true));
        }

        @Override
        public void onMessage(BrokerLink.Inbound in) {
            String verb = Topics.verbOf(in.topic()).orElse("");
            String jobId = Topics.BENCH.equals(verb) ? FakeWorker.jobId(in.payload()) : null;
            byte[] reply = jobId == null ? FakeWorker.rejected(device, verb) : FakeWorker.accepted(device, jobId);
            String topic = in.responseTopic() == null ? Topics.reply(device) : in.responseTopic();
            link.publish(new BrokerLink.Outbound(topic, reply, Topics.QOS_COMMAND, false, in.correlationData()));
            if (jobId != null) {
                long workMs = ThreadLocalRandom.current().nextLong(workMinMs, workMaxMs + 1);
                workers.schedule(
                        () -> publishResult(jobId, FakeWorker.result(device, jobId, seed), 1),
                        workMs,
                        TimeUnit.MILLISECONDS);
            }
        }

        private void publishResult(String jobId, byte[] result, int attempt) {
            link.publish(BrokerLink.Outbound.of(Topics.result(device, jobId), result, Topics.QOS_RESULT, false))
                    .whenComplete((r, e) -> {
                        if (e == null) {
                            resultsAcked.incrementAndGet();
                        } else if (attempt < 100) {
                            workers.schedule(() -> publishResult(jobId, result, attempt + 1), 2, TimeUnit.SECONDS);
                        }
                    });
        }
    }
}

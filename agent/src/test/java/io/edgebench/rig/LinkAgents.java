package io.edgebench.rig;

import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.store.Outbox;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Agents on the agent's own link ({@link PahoBrokerLink}: its connect, resubscribe and backoff code, the will and
 * TCP_NODELAY) and its outbox (a result kept until acknowledged, republished on connect and every 30 s), answering as
 * the fake worker does. Each costs Paho's threads, so the rig runs a few hundred of these beside the light emulated
 * fleet: these are the ones whose reconnect storm measures the agent's real backoff.
 */
final class LinkAgents implements AutoCloseable {
    private final List<PahoBrokerLink> links = new ArrayList<>();
    private final List<Outbox> outboxes = new ArrayList<>();
    private final ScheduledExecutorService workers;
    private final long workMinMs;
    private final long workMaxMs;

    LinkAgents(
            String prefix,
            int count,
            String brokerUrl,
            Path dir,
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
            Outbox outbox = new Outbox(dir.resolve(device), device, link, line -> {});
            links.add(link);
            outboxes.add(outbox);
            link.start(
                    List.of(Topics.cmdFilter(device), Topics.fleetCmdFilter()), new Handler(device, i, link, outbox));
            workers.scheduleWithFixedDelay(outbox::publishAll, 30, 30, TimeUnit.SECONDS); // as the agent's sweep
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

    @Override
    public void close() {
        links.forEach(l -> l.close(null));
    }

    private final class Handler implements BrokerLink.Listener {
        private final String device;
        private final long seed;
        private final PahoBrokerLink link;
        private final Outbox outbox;

        Handler(String device, long seed, PahoBrokerLink link, Outbox outbox) {
            this.device = device;
            this.seed = seed;
            this.link = link;
            this.outbox = outbox;
        }

        @Override
        public void onConnected() {
            link.publish(BrokerLink.Outbound.of(
                    Topics.status(device), FakeWorker.status(device, AgentState.ONLINE), Topics.QOS_RESULT, true));
            workers.execute(outbox::publishAll); // as the agent does on every connect
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
                        () -> outbox.store(jobId, FakeWorker.result(device, jobId, seed)),
                        workMs,
                        TimeUnit.MILLISECONDS);
            }
        }
    }
}

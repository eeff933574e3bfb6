package io.edgebench.daemon;

import io.edgebench.cli.VersionProvider;
import io.edgebench.mqtt.Command;
import io.edgebench.mqtt.CommandRejectedException;
import io.edgebench.mqtt.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Executes one validated command and returns the reply's {@code data}, or throws a rejection. Jobs are only
 * queued here; nothing in this class runs a benchmark.
 */
final class CommandHandler {
    private final JobQueue queue;
    private final ModelStore models;
    private final DeviceProbes probes;
    private final boolean compareAvailable;
    private final Clock clock;
    private final Instant startedAt;

    CommandHandler(JobQueue queue, ModelStore models, DeviceProbes probes, boolean compareAvailable, Clock clock) {
        this.queue = queue;
        this.models = models;
        this.probes = probes;
        this.compareAvailable = compareAvailable;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    Object handle(Command command) throws CommandRejectedException, IOException {
        if (command instanceof Command.Ping) {
            return ping();
        } else if (command instanceof Command.Inspect i) {
            return probe(Topics.INSPECT, () -> probes.inspect(models.resolve(Topics.INSPECT, i.model())));
        } else if (command instanceof Command.Sensors) {
            return probe(Topics.SENSORS, probes::sensors);
        } else if (command instanceof Command.Bench b) {
            models.resolve(Topics.BENCH, b.params().model().toString());
            return queue.submit(b);
        } else if (command instanceof Command.Compare c) {
            if (!compareAvailable) {
                throw new CommandRejectedException(Topics.ERR_NOT_AVAILABLE, "Command [compare] rejected: compare is"
                        + " not available in this build. Send one bench per model instead.");
            }
            for (String m : c.models()) {
                models.resolve(Topics.COMPARE, m);
            }
            return queue.submit(c);
        } else if (command instanceof Command.Cancel c) {
            return Map.of("job_id", c.jobId(), "was", queue.cancel(c.jobId()));
        } else if (command instanceof Command.ModelsList) {
            var list = models.list();
            return Map.of("models", list,
                    "models_dir_bytes", list.stream().mapToLong(ModelStore.Entry::sizeBytes).sum());
        } else if (command instanceof Command.ModelsPut p) {
            models.put(p.name(), p.sizeBytes(), p.sha256(), p.data());
            return Map.of("name", p.name(), "size_bytes", p.sizeBytes(), "sha256", p.sha256());
        } else if (command instanceof Command.ModelsDelete d) {
            models.delete(d.name());
            return Map.of("name", d.name(), "deleted", true);
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    private Object ping() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pong", true);
        m.put("version", VersionProvider.version());
        m.put("uptime_s", Duration.between(startedAt, clock.instant()).toMillis() / 1000.0);
        m.put("queue_length", queue.waitingCount());
        m.put("current_job", queue.currentJobId());
        return m;
    }

    private interface Probe {
        Object call() throws Exception;
    }

    private static Object probe(String verb, Probe probe) throws CommandRejectedException {
        try {
            return probe.call();
        } catch (CommandRejectedException e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            throw new CommandRejectedException(Topics.ERR_NOT_AVAILABLE, "Command [" + verb + "] rejected: "
                    + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
        } catch (Exception e) {
            throw CommandRejectedException.badRequest(verb, e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
    }
}

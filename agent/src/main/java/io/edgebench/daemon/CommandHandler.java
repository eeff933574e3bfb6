package io.edgebench.daemon;

import io.edgebench.bench.ModelPaths;
import io.edgebench.compare.Comparison;
import io.edgebench.compare.align.OutputMatch;
import io.edgebench.inputs.LanePlans;
import io.edgebench.results.Lane;
import io.edgebench.wire.AgentVersion;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.ReplyData;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes one validated command and returns the reply's {@code data}, or throws a rejection. Jobs are only
 * queued here; nothing in this class runs a benchmark.
 */
final class CommandHandler {
    private final JobQueue queue;
    private final ModelStore models;
    private final InputStore inputs;
    private final SetStore sets;
    private final DeviceProbes probes;
    private final boolean compareAvailable;
    private final Clock clock;
    private final Instant startedAt;

    /** The inputs and sets dirs sit next to the models dir, bounded per file by its max_model_bytes. */
    CommandHandler(JobQueue queue, ModelStore models, DeviceProbes probes, boolean compareAvailable, Clock clock) {
        this.queue = queue;
        this.models = models;
        try {
            this.inputs = new InputStore(InputStore.dirFor(models.dir()), models.maxModelBytes());
            this.sets = new SetStore(SetStore.dirFor(models.dir()), models.maxModelBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the inputs and sets dirs next to " + models.dir(), e);
        }
        this.probes = probes;
        this.compareAvailable = compareAvailable;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    Object handle(Command command) throws CommandRejectedException, IOException {
        if (command instanceof Command.Ping) {
            return ping();
        } else if (command instanceof Command.Inspect i) {
            return inspect(i.model());
        } else if (command instanceof Command.Sensors) {
            return probe(Topics.SENSORS, probes::sensors);
        } else if (command instanceof Command.Bench b) {
            models.resolve(Topics.BENCH, b.params().model().toString());
            inputs.resolve(Topics.BENCH, b.params().inputs()); // a missing input file: reject now, not as a failed job
            return queue.submit(b);
        } else if (command instanceof Command.Compare c) {
            if (!compareAvailable) {
                throw new CommandRejectedException(
                        Topics.ERR_NOT_AVAILABLE,
                        "Command [compare] rejected: compare is"
                                + " not available in this build. Send one bench per model instead.");
            }
            List<Path> files = new ArrayList<>();
            for (String m : c.models()) {
                files.add(models.resolve(Topics.COMPARE, m));
            }
            inputs.resolve(Topics.COMPARE, c.template().inputs());
            sets.open(c, files, models.dir()); // a set that is not there or not valid: reject now, naming it
            try {
                Lane.sweep(Comparison.lanes(files, c.choices()), c.threadSweep()); // reject now, not as a failed job
                LanePlans.split(c.template().inputs(), files); // an input name no model has
                OutputMatch.parseAll(c.matches());
            } catch (RuntimeException e) {
                throw CommandRejectedException.badRequest(
                        Topics.COMPARE, ModelPaths.hide(e.getMessage(), models.dir()), null);
            }
            return queue.submit(c);
        } else if (command instanceof Command.Cancel c) {
            return new ReplyData.Cancelled(c.jobId(), queue.cancel(c.jobId()));
        } else if (command instanceof Command.ModelsList) {
            var list = models.list().stream()
                    .map(e -> new ReplyData.ModelEntry(e.name(), e.sizeBytes(), e.modifiedTs()))
                    .toList();
            var files = inputs.list().stream()
                    .map(e -> new ReplyData.ModelEntry(e.name(), e.sizeBytes(), e.modifiedTs()))
                    .toList();
            return new ReplyData.ModelList(
                    list,
                    list.stream().mapToLong(ReplyData.ModelEntry::sizeBytes).sum(),
                    files,
                    files.stream().mapToLong(ReplyData.ModelEntry::sizeBytes).sum(),
                    sets.list().stream()
                            .map(e -> new ReplyData.SetEntry(e.name(), e.files(), e.sizeBytes()))
                            .toList());
        } else if (command instanceof Command.ModelsPut p) {
            return stored(p, models.put(p));
        } else if (command instanceof Command.InputsPut p) {
            return stored(p.part(), inputs.put(p.part()));
        } else if (command instanceof Command.SetsPut p) {
            return stored(p.part(), sets.put(p));
        } else if (command instanceof Command.SetsDelete d) {
            sets.delete(d.set());
            return new ReplyData.ModelDeleted(d.set(), true);
        } else if (command instanceof Command.ModelsDelete d) {
            models.delete(d.name());
            return new ReplyData.ModelDeleted(d.name(), true);
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    /** The inspection names the model by file name, and so does any error: the models dir's path stays private. */
    private Object inspect(String name) throws CommandRejectedException {
        Path file = models.resolve(Topics.INSPECT, name);
        try {
            return probe(Topics.INSPECT, () -> probes.inspect(file).withPath(name));
        } catch (CommandRejectedException e) {
            throw new CommandRejectedException(e.code(), ModelPaths.hide(e.getMessage(), models.dir()));
        }
    }

    private ReplyData.Pong ping() {
        return new ReplyData.Pong(
                true,
                AgentVersion.current(),
                Duration.between(startedAt, clock.instant()).toMillis() / 1000.0,
                queue.waitingCount(),
                queue.currentJobId());
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
            throw new CommandRejectedException(
                    Topics.ERR_NOT_AVAILABLE,
                    "Command [" + verb + "] rejected: " + e.getMessage()
                            + (e.getMessage().endsWith(".") ? "" : "."));
        } catch (Exception e) {
            throw CommandRejectedException.badRequest(
                    verb, e.getMessage() == null ? e.toString() : e.getMessage(), null);
        }
    }

    private static ReplyData.ModelStored stored(Command.ModelsPut part, long received) {
        return new ReplyData.ModelStored(part.name(), part.sizeBytes(), part.sha256(), received, part.last());
    }
}

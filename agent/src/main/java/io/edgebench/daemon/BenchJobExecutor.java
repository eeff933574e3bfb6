package io.edgebench.daemon;

import io.edgebench.bench.BenchListener;
import io.edgebench.mqtt.Command;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** The real executor: runs bench jobs on the models dir's files. */
public final class BenchJobExecutor implements JobExecutor {
    private final Path modelsDir;

    public BenchJobExecutor(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    @Override
    public Object execute(Job job, BenchListener listener, BooleanSupplier cancelled) throws Exception {
        if (job.command() instanceof Command.Bench b) {
            // The name was confined to a plain file name by CommandParser and checked by ModelStore.
            Path model = modelsDir.resolve(b.params().model().toString());
            throw new UnsupportedOperationException("bench is not available in this build (no BenchRunner) for " + model);
        }
        throw new UnsupportedOperationException("Command [" + job.verb() + "] is not available in this build");
    }
}

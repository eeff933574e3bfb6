package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench worker` lands. */
@Command(name = "worker", description = "(not built yet)", hidden = true)
public final class WorkerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench worker is not built yet");
    }
}

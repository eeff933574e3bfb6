package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench bench` lands. */
@Command(name = "bench", description = "(not built yet)")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench bench is not built yet");
    }
}

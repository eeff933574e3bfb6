package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench forge` lands. */
@Command(name = "forge", description = "(not built yet)")
public final class ForgeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench forge is not built yet");
    }
}

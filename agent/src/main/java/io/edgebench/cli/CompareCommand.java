package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench compare` lands. */
@Command(name = "compare", description = "(not built yet)")
public final class CompareCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench compare is not built yet");
    }
}

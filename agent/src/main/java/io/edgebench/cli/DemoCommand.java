package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench demo` lands. */
@Command(name = "demo", description = "(not built yet)")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench demo is not built yet");
    }
}

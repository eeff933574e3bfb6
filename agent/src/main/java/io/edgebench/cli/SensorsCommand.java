package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench sensors` lands. */
@Command(name = "sensors", description = "(not built yet)")
public final class SensorsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench sensors is not built yet");
    }
}

package io.edgebench.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the issue that builds `edgebench agent` lands. */
@Command(name = "agent", description = "(not built yet)")
public final class AgentCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("edgebench agent is not built yet");
    }
}

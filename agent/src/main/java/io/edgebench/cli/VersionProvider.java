package io.edgebench.cli;

import io.edgebench.wire.AgentVersion;
import picocli.CommandLine.IVersionProvider;

/** Reports the jar's Implementation-Version (set by the build), or "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        return AgentVersion.current();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"edgebench " + version()};
    }
}

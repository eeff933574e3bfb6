package io.edgebench.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's Implementation-Version (set by the build), or "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"edgebench " + version()};
    }
}

package io.edgebench.wire;

/** The agent's version as status messages and results report it: the jar's Implementation-Version, or "dev". */
public final class AgentVersion {
    private AgentVersion() {}

    public static String current() {
        String v = AgentVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

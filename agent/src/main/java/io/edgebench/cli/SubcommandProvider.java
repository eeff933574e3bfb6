package io.edgebench.cli;

/**
 * A verb that ships in a jar built on top of the agent's, found with {@link java.util.ServiceLoader} through
 * META-INF/services/io.edgebench.cli.SubcommandProvider (the demo jar's `demo`), so the board jar carries none of it.
 */
public interface SubcommandProvider {
    /** A picocli {@code @Command} instance to add under `edgebench`. */
    Object subcommand();
}

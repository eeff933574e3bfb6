package io.edgebench.demo;

import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An MQTT 5 broker running inside this process on the loopback interface, for `edgebench demo` and tests.
 * The agent jar carries no broker (boards connect to a real one); the edgebench-demo artifact provides one through
 * {@link ServiceLoader}, so the agent jar stays free of the broker's ~50 MB of dependencies.
 */
public interface LocalBroker extends AutoCloseable {

    /**
     * Starts the broker on 127.0.0.1.
     *
     * @param port the TCP port, or 0 for a free one
     * @return the URL clients connect to, e.g. {@code tcp://127.0.0.1:41883}
     */
    String start(int port) throws IOException;

    /** The URL clients connect to; only valid after {@link #start(int)}. */
    String url();

    /** Stops the broker and deletes its temporary folders; idempotent. */
    @Override
    void close();

    /** The first broker found on the class path, if any. */
    static Optional<LocalBroker> find() {
        return ServiceLoader.load(LocalBroker.class).findFirst();
    }
}

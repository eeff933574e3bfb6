package io.edgebench.testkit;

/** A real MQTT 5 broker reachable over TCP on loopback, for integration tests. */
public interface TestBroker extends AutoCloseable {
    int port();

    default String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Stops the broker abruptly (clients see a lost connection, wills fire where the broker survives). */
    void kill() throws Exception;

    /** Starts it again on the same port. */
    void restart() throws Exception;

    @Override
    void close() throws Exception;
}

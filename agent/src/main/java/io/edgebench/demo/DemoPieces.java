package io.edgebench.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The demo's use of the forge and the agent daemon. */
final class DemoPieces {
    private DemoPieces() {}

    /** Writes the default tiny model pair (identical weights) into {@code dir}: [.tflite, .onnx]. */
    static List<Path> forgePair(Path dir) throws IOException {
        throw new UnsupportedOperationException("model.forge is not merged yet");
    }

    /** Starts an agent in this process, connected to {@code brokerUrl}; close() stops it (offline status). */
    static AutoCloseable startAgent(String brokerUrl, String deviceId, Path models, Path data, Consumer<String> log)
            throws IOException {
        throw new UnsupportedOperationException("daemon.Agent is not merged yet");
    }
}

package io.edgebench.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.model.Sha256;
import io.edgebench.wire.SendPayload;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local file of {@code send models/put file=PATH} and {@code send inputs/put file=PATH}: the controller reads
 * it here, and the request gets its name, size and sha256; both go in parts, streamed, never read whole.
 */
public final class LocalUpload {
    private LocalUpload() {}

    /** {@code request} with its {@code file} argument resolved; other verbs and requests without one unchanged. */
    public static ObjectNode attach(String verb, ObjectNode request) throws IOException {
        boolean model = Topics.MODELS_PUT.equals(verb);
        if (!request.has("file") || !(model || Topics.INPUTS_PUT.equals(verb))) {
            return request;
        }
        Path file = Path.of(request.get("file").asText());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file [" + file + "] is not a readable file; models/put file=PATH "
                    + "uploads a local model, inputs/put file=PATH a local input file");
        }
        String name = file.getFileName().toString();
        return SendPayload.withUpload(request, name, Files.size(file), Sha256.hex(file), file.toString());
    }
}

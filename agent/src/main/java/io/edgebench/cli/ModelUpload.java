package io.edgebench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.controller.Controller.Reply;
import io.edgebench.controller.Controller.UnavailableException;
import io.edgebench.wire.CommandParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * `send models/put file=PATH` and `send inputs/put file=PATH`: the file goes in parts of {@link CommandParser#MAX_PART_BYTES} (offset 0, 32 KiB,
 * ...), one request each, every part acknowledged before the next, so neither side ever holds the whole model.
 * The agent checks the sha256 when the last part arrives.
 */
final class ModelUpload {

    /** Sends one part and returns the agent's reply. */
    interface PartSender {
        Reply send(ObjectNode part) throws UnavailableException, IOException;
    }

    private final ObjectNode head;
    private final Path file;

    private ModelUpload(ObjectNode head, Path file) {
        this.head = head;
        this.file = file;
    }

    /** The upload a models/put or inputs/put request describes, or null when it carries data_base64 itself. */
    static ModelUpload from(ObjectNode request) {
        String file = io.edgebench.wire.SendPayload.takeFile(request);
        return file == null ? null : new ModelUpload(request, Path.of(file));
    }

    /** Sends every part; returns the reply to the last one, or the first rejection. */
    Reply send(PartSender sender) throws UnavailableException, IOException {
        long size = head.path("size_bytes").asLong();
        byte[] buf = new byte[CommandParser.MAX_PART_BYTES];
        Reply last = null;
        try (InputStream in = Files.newInputStream(file)) {
            for (long offset = 0; offset < size; ) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, size - offset));
                if (n <= 0) {
                    throw new IOException(
                            "file [" + file + "] shrank while it was sent (" + offset + " of " + size + " bytes)");
                }
                last = sender.send(io.edgebench.wire.SendPayload.part(
                        head, offset, n == buf.length ? buf : java.util.Arrays.copyOf(buf, n)));
                if (!last.ok()) {
                    return last;
                }
                offset += n;
            }
        }
        return last;
    }
}

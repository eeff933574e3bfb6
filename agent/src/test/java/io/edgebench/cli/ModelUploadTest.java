package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.controller.LocalUpload;
import io.edgebench.wire.SendPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `send models/put file=PATH` sends the file in bounded parts at increasing offsets. */
class ModelUploadTest {
    @Test
    void modelsPut_largeFileGoesInBoundedParts(@TempDir Path dir) throws Exception {
        byte[] bytes = new byte[io.edgebench.wire.CommandParser.MAX_PART_BYTES * 2 + 7];
        new java.util.Random(1).nextBytes(bytes);
        Path model = Files.write(dir.resolve("big.onnx"), bytes);
        ObjectNode n =
                LocalUpload.attach("models/put", SendPayload.build("models/put", null, List.of("file=" + model)));
        List<ObjectNode> sent = new java.util.ArrayList<>();
        ModelUpload.from(n).send(part -> {
            sent.add(part);
            return io.edgebench.controller.Controller.Reply.of(
                    io.edgebench.json.Json.mapper().readTree("{\"ok\":true}"));
        });
        assertEquals(3, sent.size());
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        long expectedOffset = 0;
        for (ObjectNode part : sent) {
            assertEquals(expectedOffset, part.get("offset").asLong());
            byte[] data =
                    java.util.Base64.getDecoder().decode(part.get("data_base64").asText());
            assertTrue(data.length <= io.edgebench.wire.CommandParser.MAX_PART_BYTES);
            joined.write(data);
            expectedOffset += data.length;
            assertEquals(bytes.length, part.get("size_bytes").asLong());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, joined.toByteArray());
    }
}

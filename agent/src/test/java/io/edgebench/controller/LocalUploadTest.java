package io.edgebench.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.wire.SendPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUploadTest {
    @Test
    void modelsPut_fileIsReadHashedAndEncoded(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("m.tflite"), new byte[] {1, 2, 3});
        ObjectNode n =
                LocalUpload.attach("models/put", SendPayload.build("models/put", null, List.of("file=" + model)));
        assertEquals("m.tflite", n.get("name").asText());
        assertEquals(3, n.get("size_bytes").asInt());
        assertEquals(
                "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
                n.get("sha256").asText());
        assertTrue(!n.has("file") && !n.has("data_base64"), "the bytes go in parts, not in the head: " + n);
    }

    @Test
    void inputsPut_fileIsHashedAndSentInParts_asForModels(@TempDir Path dir) throws Exception {
        Path input = Files.write(dir.resolve("cat.png"), new byte[] {1, 2, 3});
        ObjectNode n =
                LocalUpload.attach("inputs/put", SendPayload.build("inputs/put", null, List.of("file=" + input)));
        assertEquals("cat.png", n.get("name").asText());
        assertEquals(
                "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
                n.get("sha256").asText());
        assertTrue(!n.has("file") && !n.has("data_base64"), "the bytes go in parts, not in the head: " + n);
    }
}

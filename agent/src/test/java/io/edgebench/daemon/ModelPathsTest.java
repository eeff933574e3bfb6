package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPathsTest {
    @TempDir
    Path tmp;

    @Test
    void hide_namesModelsByFileName_andTheDirItselfAsModelsDir() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        String msg = "Model [" + models.resolve("m.tflite") + "] is not a TFLite flatbuffer; see " + models;
        assertEquals("Model [m.tflite] is not a TFLite flatbuffer; see <models dir>", ModelPaths.hide(msg, models));
        // a dir reached through a symlink is hidden under both spellings
        Path link = Files.createSymbolicLink(tmp.resolve("link"), models);
        assertEquals("[a.onnx] [b.onnx]", ModelPaths.hide("[" + link.resolve("a.onnx") + "] ["
                + models.resolve("b.onnx") + "]", link));
    }

    @Test
    void hideIn_scrubsEveryStringOfAResult_nestedInObjectsAndArrays() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Object result = Map.of("model", Map.of("path", models.resolve("m.onnx").toString()),
                "errors", List.of("no outputs from " + models.resolve("x.tflite")), "runs", 5);
        JsonNode tree = ModelPaths.hideIn(result, models);
        assertEquals("m.onnx", tree.at("/model/path").asText());
        assertEquals("no outputs from x.tflite", tree.at("/errors/0").asText());
        assertEquals(Json.mapper().valueToTree(5), tree.get("runs"));
    }
}

package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
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
        assertEquals(
                "[a.onnx] [b.onnx]",
                ModelPaths.hide("[" + link.resolve("a.onnx") + "] [" + models.resolve("b.onnx") + "]", link));
    }
}

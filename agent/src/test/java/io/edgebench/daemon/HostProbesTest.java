package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HostProbesTest {
    @Test
    void reportedRuntimeVersions_matchTheLibrariesOnTheClasspath() throws Exception {
        Properties tflite = new Properties();
        try (InputStream in =
                getClass().getResourceAsStream("/META-INF/maven/org.bytedeco/tensorflow-lite/pom.properties")) {
            tflite.load(in);
        }
        assertTrue(
                tflite.getProperty("version").startsWith(HostProbes.RUNTIMES.get("tflite") + "-"),
                tflite.getProperty("version"));
        String ort = Class.forName("ai.onnxruntime.OrtEnvironment").getPackage().getImplementationVersion();
        assertEquals(HostProbes.RUNTIMES.get("onnx"), ort);
    }
}

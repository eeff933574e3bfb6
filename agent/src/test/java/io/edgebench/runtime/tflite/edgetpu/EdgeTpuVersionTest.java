package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeTpuVersionTest {
    private static final String V16 =
            "BuildLabel(COMPILER=6.3.0 20170516,DATE=redacted,TIME=redacted,CL_NUMBER=291256449), RuntimeVersion(14)";

    @Test
    void parse_officialString_extractsFields() {
        EdgeTpuVersion v = EdgeTpuVersion.parse(V16);
        assertEquals(14, v.runtimeVersion());
        assertEquals("6.3.0 20170516", v.compiler());
        assertEquals("291256449", v.clNumber());
        assertEquals(V16, v.raw());
    }

    @Test
    void parse_garbage_keepsRawAndMarksUnknown() {
        EdgeTpuVersion v = EdgeTpuVersion.parse("weird build");
        assertEquals(-1, v.runtimeVersion());
        assertEquals("weird build", v.raw());
    }

    @Test
    void runtime14_warnsWithBothVersionsAndTheTypicalSymptom() {
        String w = EdgeTpuVersion.parse(V16).compatibilityWarning("2.21.0").orElseThrow();
        assertTrue(w.startsWith("libedgetpu [" + V16 + "] is not known to match TensorFlow Lite [2.21.0]: "), w);
        assertTrue(w.contains("official Coral build is compiled for TensorFlow 2.5.0"), w);
        assertTrue(w.contains("'Unsupported data type in custom op handler'"), w);
    }

    @Test
    void olderRuntime_warnsAsOfficialOldRelease() {
        String w = EdgeTpuVersion.parse("BuildLabel(COMPILER=6.3.0,DATE=x), RuntimeVersion(13)")
                .compatibilityWarning("2.21.0")
                .orElseThrow();
        assertTrue(w.contains("up to libedgetpu 15.0, built for TensorFlow 2.4 or older"), w);
    }

    @Test
    void trustedBuildProperty_silencesWarning() {
        System.setProperty(EdgeTpuVersion.TRUSTED_BUILD_PROPERTY, "CL_NUMBER=291256449");
        try {
            assertEquals(Optional.empty(), EdgeTpuVersion.parse(V16).compatibilityWarning("2.21.0"));
        } finally {
            System.clearProperty(EdgeTpuVersion.TRUSTED_BUILD_PROPERTY);
        }
        assertTrue(EdgeTpuVersion.parse(V16).compatibilityWarning("2.21.0").isPresent());
    }
}

package io.edgebench.runtime.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.model.tflite.TinyTfliteModels;
import io.edgebench.model.tflite.TinyTfliteModels.Spec;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --delegate edgetpu} end to end through the public TfliteRuntime: JNI shim, the test-only stand-in
 * libedgetpu (built by Maven into target/test-natives, configured through EDGETPU_STANDIN_CONFIG) and the session.
 */
@Timeout(60)
class TfliteEdgeTpuStandInTest {
    @TempDir
    Path dir;

    @Test
    void edgetpuCompiledModel_runsFullyDelegated() throws Exception {
        Path natives = Path.of(System.getProperty("edgebench.test.natives", "target/test-natives"))
                .toAbsolutePath();
        Path standIn = natives.resolve("libedgetpu.so.1");
        String config = System.getenv("EDGETPU_STANDIN_CONFIG");
        assumeTrue(Files.isRegularFile(standIn) && config != null, "stand-in libedgetpu not built (run through Maven)");
        Files.write(Path.of(config), List.of("DEVICES=usb:/sys/bus/usb/devices/2-1", "RECORD=" + dir.resolve("rec")));
        Path model = TinyTfliteModels.write(dir, "m_edgetpu.tflite", Spec.custom("edgetpu-custom-op"));
        String previous = System.getProperty(EdgeTpuLibrary.PATH_PROPERTY);
        System.setProperty(EdgeTpuLibrary.PATH_PROPERTY, standIn.toString());
        try (ModelSession session =
                new TfliteRuntime().open(model, SessionOptions.of(RuntimeKind.TFLITE, Delegate.EDGETPU, 1))) {
            session.setInput(0, new float[] {1, 2, 3, 4});
            session.run();
            assertEquals(4, session.output(0).length);
            assertEquals(1, session.delegation().delegatedNodes());
            assertTrue(session.delegation().isFull());
        } finally {
            if (previous == null) {
                System.clearProperty(EdgeTpuLibrary.PATH_PROPERTY);
            } else {
                System.setProperty(EdgeTpuLibrary.PATH_PROPERTY, previous);
            }
        }
        assertTrue(Files.readString(dir.resolve("rec")).contains("create"), "stand-in never created a delegate");
    }
}

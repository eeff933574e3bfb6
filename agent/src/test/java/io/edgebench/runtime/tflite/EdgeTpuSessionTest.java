package io.edgebench.runtime.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.model.ModelLoadException;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.AcceleratorUnavailableException;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.tflite.edgetpu.CustomOpModels;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuLibrary;
import io.edgebench.runtime.tflite.edgetpu.StandIn;
import io.edgebench.testkit.SharedModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --delegate edgetpu} through TfliteRuntime, the JNI shim and the stand-in libedgetpu, end to end. */
@Timeout(120)
class EdgeTpuSessionTest {
    private static final String USB = "usb:/sys/bus/usb/devices/2-1";

    @BeforeEach
    void useStandIn() {
        System.setProperty(EdgeTpuLibrary.PATH_PROPERTY, StandIn.library().toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty(EdgeTpuLibrary.PATH_PROPERTY);
    }

    private static SessionOptions edgeTpu(EdgeTpuOptions tpu, boolean requireFull) {
        return new SessionOptions(RuntimeKind.TFLITE, Delegate.EDGETPU, 1, false, Map.of(), tpu, requireFull);
    }

    private static Path sharedModel(String name) {
        return SharedModels.find(name);
    }

    @Test
    void forgedModel_fullyDelegated_reportsDeviceOptionsAndWarnings(@TempDir Path dir) throws Exception {
        StandIn.configure(USB, null);
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        try (ModelSession s =
                new TfliteRuntime().open(model, edgeTpu(new EdgeTpuOptions("usb:0", "high", true, 8), false))) {
            assertEquals(new Delegation(1, 1), s.delegation());
            EdgeTpuInfo info = s.edgeTpu().orElseThrow();
            assertEquals(
                    new EdgeTpuInfo(
                            "usb",
                            "/sys/bus/usb/devices/2-1",
                            "high",
                            "BuildLabel(COMPILER=edgebench-standin,DATE=redacted,TIME=redacted,CL_NUMBER=0), RuntimeVersion(14)"),
                    info);
            assertEquals(1, s.warnings().size(), s.warnings().toString());
            assertTrue(
                    s.warnings().get(0).contains("is not known to match TensorFlow Lite [" + s.runtimeVersion() + "]"));
            float[] ones = new float[8 * 8 * 3];
            Arrays.fill(ones, 1f);
            s.setInput(0, ones);
            s.run();
            assertEquals((8 * 8 * 3) % 251, (int) s.output(0)[0]);
        }
        List<String> rec = StandIn.recorded();
        assertTrue(
                rec.containsAll(List.of(
                        "option Performance=High",
                        "option Usb.AlwaysDfu=True",
                        "option Usb.MaxBulkInQueueLength=8",
                        "prepare nodes=1 claimed=1",
                        "free path=/sys/bus/usb/devices/2-1")),
                rec.toString());
    }

    @Test
    void requireFullDelegation_partialModel_failsAndFreesDelegate(@TempDir Path dir) throws Exception {
        StandIn.configure(USB, null);
        Path model = CustomOpModels.write(dir.resolve("forged_partial_edgetpu.tflite"), true);
        ModelLoadException e = assertThrows(
                ModelLoadException.class,
                () -> new TfliteRuntime().open(model, edgeTpu(EdgeTpuOptions.defaults(), true)));
        assertTrue(e.getMessage().contains("CPU fallback detected: 1 of 2 ops not on the"), e.getMessage());
        assertTrue(
                StandIn.recorded().contains("free path=/sys/bus/usb/devices/2-1"),
                StandIn.recorded().toString());
    }

    @Test
    void compiledMobilenet_runsOnStandIn() {
        Path model = sharedModel("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
        assumeTrue(model != null, "../shared/models not present");
        StandIn.configure(USB, null);
        try (ModelSession s = new TfliteRuntime().open(model, edgeTpu(EdgeTpuOptions.defaults(), true))) {
            assertEquals(new Delegation(1, 1), s.delegation());
            long[] us = new long[100];
            for (int i = 0; i < us.length; i++) {
                long t = System.nanoTime();
                s.run();
                us[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(us);
            System.out.println(
                    "edgetpu session (stand-in) mobilenet_v1_0.25_128_quant_edgetpu: median " + us[50] + " us");
        }
    }

    @Test
    void plainModel_onEdgeTpu_warnsNothingDelegated() {
        Path model = sharedModel("mobilenet_v1_0.25_128_quant.tflite");
        assumeTrue(model != null, "../shared/models not present");
        StandIn.configure(USB, null);
        try (ModelSession s = new TfliteRuntime().open(model, edgeTpu(EdgeTpuOptions.defaults(), false))) {
            assertEquals(0, s.delegation().delegatedNodes());
            assertTrue(
                    s.warnings().stream().anyMatch(w -> w.contains("nothing was delegated to the Edge TPU")),
                    s.warnings().toString());
        }
    }

    @Test
    void noLibedgetpu_failsFastWithInstallHint(@TempDir Path dir) throws Exception {
        System.setProperty(
                EdgeTpuLibrary.PATH_PROPERTY, dir.resolve("libedgetpu.so.1").toString());
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        long start = System.nanoTime();
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class,
                () -> new TfliteRuntime().open(model, edgeTpu(EdgeTpuOptions.defaults(), false)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1000, ms + " ms");
        assertTrue(e.getMessage().contains("apt-get install libedgetpu1-std"), e.getMessage());
    }

    @Test
    void busyDevice_failsNamingTheDevice(@TempDir Path dir) throws Exception {
        StandIn.configure(USB + "!busy", null);
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class,
                () -> new TfliteRuntime().open(model, edgeTpu(EdgeTpuOptions.defaults(), false)));
        assertTrue(e.getMessage().contains("is attached but libedgetpu could not open it: it is busy"), e.getMessage());
    }
}

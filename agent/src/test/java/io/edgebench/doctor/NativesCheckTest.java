package io.edgebench.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The natives check: the real child probe on this machine, and the verdicts on what a too-old board prints. */
@Timeout(120)
class NativesCheckTest {

    @Test
    void thisMachine_loadsTfliteOnnxAndTheShim() {
        List<Check> checks = NativesCheck.run();
        assertEquals(Check.Status.OK, checks.get(0).status(), checks.toString());
        assertTrue(
                checks.get(0).detail().startsWith("TFLite 2.21.0, ONNX Runtime 1.29.0, shim linux-"),
                checks.toString());
        assertEquals("libedgetpu", checks.get(1).name());
    }

    @Test
    void glibcTooOld_failsWithTheLinkErrorAndWhatToInstall() {
        String bullseye = "tflite!java.lang.UnsatisfiedLinkError: /var/lib/edgebench/javacpp/libjnitensorflowlite.so:"
                + " /lib/aarch64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found\nonnx=1.29.0\n"
                + "shim!java.lang.UnsatisfiedLinkError: version `GLIBC_2.34' not found\nlibedgetpu!not found\n";
        List<Check> checks = NativesCheck.verdicts(bullseye, 0);
        assertEquals(1, checks.size(), checks.toString());
        assertEquals(Check.Status.FAIL, checks.get(0).status());
        assertTrue(
                checks.get(0).detail().startsWith("tflite: java.lang.UnsatisfiedLinkError: "),
                checks.get(0).detail());
        assertTrue(
                checks.get(0).detail().contains("; shim: java.lang.UnsatisfiedLinkError: version `GLIBC_2.34'"),
                checks.get(0).detail());
        assertTrue(checks.get(0).fix().contains("glibc >= 2.34"), checks.get(0).fix());
    }

    @Test
    void probeCrash_failsWithTheExitAndLastLines() {
        List<Check> checks = NativesCheck.verdicts("tflite=2.21.0\n# A fatal error has been detected\nSIGSEGV\n", 134);
        assertEquals(Check.Status.FAIL, checks.get(0).status());
        assertEquals(
                "the probe exited with 134: tflite=2.21.0 | # A fatal error has been detected | SIGSEGV",
                checks.get(0).detail());
    }
}

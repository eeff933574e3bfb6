package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerLaunchTest {
    @Test
    void command_longClassPath_staysOffTheCommandLine() {
        String classPath = String.join(":", java.util.Collections.nCopies(200, "/home/user/.m2/repository/x/y.jar"));
        WorkerLaunch launch = new WorkerLaunch(Path.of("/usr/bin/java"), classPath, "256m", List.of(), false);
        String cmdline = String.join(" ", launch.command());
        // ONNX Runtime 1.29.0 crashes JVMs whose command line reaches ~3980 bytes
        assertTrue(cmdline.length() < 2000, cmdline.length() + " bytes: " + cmdline);
        assertFalse(launch.command().contains("-cp"));
        assertEquals(classPath, launch.environment().get("CLASSPATH"));
        assertEquals(
                List.of("io.edgebench.cli.Main", "worker"),
                launch.command()
                        .subList(launch.command().size() - 2, launch.command().size()));
    }

    @Test
    void command_debugOnlyWhenAsked() {
        WorkerLaunch launch = WorkerLaunch.sameJvm();
        assertFalse(launch.command().contains("-D" + DebugCrash.ENABLE_PROPERTY + "=true"));
        assertTrue(launch.withDebug(true).command().contains("-D" + DebugCrash.ENABLE_PROPERTY + "=true"));
        assertTrue(launch.command().contains("-Xmx256m"));
    }

    @Test
    void maxHeap_validated() {
        assertThrows(
                IllegalArgumentException.class, () -> WorkerLaunch.sameJvm().withMaxHeap("lots"));
    }
}

package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.json.Json;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import io.edgebench.results.RuntimeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker protocol's phase ids at the parent's boundary: known ones reach the listener as {@link Phase}, one this
 * version does not know (a newer worker's) is reported and skipped, never a failed run.
 */
class WorkerSessionPhasesTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(30)
    void drive_unknownPhaseId_reportedAndSkipped_knownOnesTyped() throws Exception {
        String load = Json.mapper().writeValueAsString(WorkerMessage.phase(Phase.LOAD));
        String unknown = load.replace("\"load\"", "\"calibrate\"");
        String error = Json.mapper().writeValueAsString(WorkerMessage.error(ErrorKind.MODEL, "stand-in says no"));
        // a stand-in for the java binary: reads the request line, answers with protocol lines, exits
        Path java = tmp.resolve("java");
        Files.writeString(
                java, "#!/bin/sh\nread -r request\ncat <<'EOF'\n" + load + "\n" + unknown + "\n" + error + "\nEOF\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
        WorkerLaunch launch = new WorkerLaunch(java, tmp.toString(), "64m", List.of(), false);
        List<Object> seen = new CopyOnWriteArrayList<>();
        BenchListener listener = new BenchListener() {
            @Override
            public void onPhase(Phase phase) {
                seen.add(phase);
            }

            @Override
            public void onUnknownPhase(String id) {
                seen.add("unknown " + id);
            }
        };

        WorkerSession.Outcome o = new WorkerSession(launch, Duration.ofSeconds(20), Duration.ofSeconds(5))
                .drive(WorkerRequest.bench(params()), listener, () -> false);

        assertEquals(List.of(Phase.LOAD, "unknown calibrate", Phase.DONE), seen);
        assertEquals(Status.FAILED, o.failure().status());
        assertEquals(ErrorKind.MODEL, o.failure().kind());
        assertEquals("stand-in says no", o.failure().message());
    }

    private static BenchParams params() {
        return BenchParams.builder(Path.of("m.tflite"))
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.CPU)
                .threads(1)
                .warmupRuns(0)
                .warmupSeconds(0)
                .runs(1)
                .minSeconds(0)
                .maxSeconds(5)
                .seed(3)
                .onnxSpinning(true)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
    }
}

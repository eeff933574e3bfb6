package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.RuntimeKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker that never starts: the driver says why, and every later wait returns at once, whatever its deadline. */
class WorkerDriverTest {
    @TempDir
    Path dir;

    @Test
    void javaMissing_failedNamingTheBinary_andWaitsPastTheirDeadlineStillAnswer() {
        Path java = dir.resolve("no-such-java");
        WorkerLaunch launch = new WorkerLaunch(java, WorkerLaunch.sameJvm().classPath(), "64m", List.of(), false);
        WorkerRequest request =
                WorkerArchiveBuilder.oneRun(dir.resolve("m.tflite"), RuntimeKind.TFLITE, Delegate.XNNPACK);
        try (WorkerDriver driver = WorkerDriver.start(launch, request)) {
            WorkerDriver.Failure f = driver.failure();
            assertEquals(Status.FAILED, f.status());
            assertEquals(ErrorKind.INTERNAL, f.kind());
            assertTrue(f.message().startsWith("cannot start the worker process (" + java + "): "), f.message());
            long past = System.nanoTime() - 1;
            assertNull(driver.next(new WorkerDriver.Deadline(past, past, "bound 0 s"), () -> false));
            assertNull(driver.next(new WorkerDriver.Deadline(past, past, "bound 0 s"), () -> true));
            driver.send(RoundCommand.finish());
            assertEquals(f, driver.failure(), "the first failure stands");
        }
    }
}

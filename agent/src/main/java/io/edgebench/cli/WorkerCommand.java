package io.edgebench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.edgebench.json.Json;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.worker.StopSignal;
import io.edgebench.worker.WorkerArchive;
import io.edgebench.worker.WorkerArchiveBuilder;
import io.edgebench.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;

/**
 * {@code edgebench worker}: the child process bench.BenchRunner starts. Reads one request line on stdin, writes
 * protocol JSON lines on stdout, logs on stderr; exits when stdin reaches EOF (its parent is gone). Not for users.
 */
@Command(name = "worker", hidden = true, description = "Internal: runs one benchmark for a parent edgebench process.")
public final class WorkerCommand implements Callable<Integer> {
    /** Exit code when the parent closed stdin before the worker finished: nobody is listening any more. */
    static final int ORPHANED = 4;

    @Override
    public Integer call() throws IOException {
        return serveStdin();
    }

    /** The worker's whole life: one request from stdin, protocol lines to stdout; returns the exit code. */
    static int serveStdin() {
        // The protocol owns fd 1; anything Java code prints goes to stderr so it cannot corrupt the protocol.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        // stdin through an interruptible channel: a thread blocked in a plain native read() delays JVM exit by about
        // 300 ms (HotSpot waits for threads in native code before it exits), so the watch below must be stoppable.
        BufferedReader in = new BufferedReader(new InputStreamReader(
                Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel()), StandardCharsets.UTF_8));
        // Built before the request is read: a spare worker (SpareWorker) pays this while it waits, not the job.
        Json.mapper();
        String request;
        try {
            request = in.readLine();
        } catch (IOException e) {
            request = null; // WorkerMain answers "no request" and the parent reports it
        }
        // Lines after the request: "stop" (--energy-accuracy reached) or rounds-mode commands (compare); EOF means
        // the parent is gone, and the worker must not outlive it.
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread orphanWatch = new Thread(() -> watchForEof(in, commands), "edgebench-orphan-watch");
        orphanWatch.setDaemon(true);
        orphanWatch.start();
        int code = new WorkerMain(protocol, commands).serve(request);
        String alsoBench = System.getProperty(WorkerArchive.ALSO_BENCH_PROPERTY);
        if (alsoBench != null && code == 0) {
            new WorkerMain(protocol).serve(oneRunOnCpu(Path.of(alsoBench)));
        }
        orphanWatch.interrupt(); // closes the channel and ends the watch's read: the JVM exits at once
        try {
            orphanWatch.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code;
    }

    /** The one-run bench of the archive dump's second model, as a request line. */
    private static String oneRunOnCpu(Path onnxModel) {
        try {
            return Json.mapper()
                    .writeValueAsString(WorkerArchiveBuilder.oneRun(onnxModel, RuntimeKind.ONNX, Delegate.CPU));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void watchForEof(BufferedReader in, BlockingQueue<String> commands) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                // after the request: "stop" (--energy-accuracy reached) or a RoundCommand line; then EOF
                if (StopSignal.LINE.equals(line.trim())) {
                    StopSignal.request();
                } else {
                    commands.add(line);
                }
            }
        } catch (ClosedByInterruptException e) {
            return; // the worker is done and exiting by itself
        } catch (IOException e) {
            // a broken pipe is EOF too
        }
        Runtime.getRuntime().halt(ORPHANED);
    }
}

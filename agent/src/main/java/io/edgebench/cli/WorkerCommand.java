package io.edgebench.cli;

import io.edgebench.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
        // The protocol owns fd 1; anything Java code prints goes to stderr so it cannot corrupt the protocol.
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String request = in.readLine();
        // Lines after the request are rounds-mode commands (bench and outputs requests get none); EOF means the
        // parent is gone, and the worker must not outlive it.
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread orphanWatch = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    commands.add(line);
                }
            } catch (IOException e) {
                // a broken pipe is EOF too
            }
            Runtime.getRuntime().halt(ORPHANED);
        }, "edgebench-orphan-watch");
        orphanWatch.setDaemon(true);
        orphanWatch.start();
        return new WorkerMain(protocol, commands).serve(request);
    }
}

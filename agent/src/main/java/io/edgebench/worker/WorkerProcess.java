package io.edgebench.worker;

import io.edgebench.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one running worker: sends the request, turns stdout lines into {@link WorkerMessage}s on a
 * queue (lines that are not protocol, e.g. a native library printing to stdout, go to the stderr tail), drains
 * stderr into a bounded {@link StderrTail}. stdin stays open: the worker exits when it sees EOF, so a parent that
 * dies never leaves a worker spinning on the board.
 */
public final class WorkerProcess implements AutoCloseable {
    public static final int TAIL_LINES = 40;
    /** The end of stdout on the message queue: a sentinel, compared by identity. */
    private static final WorkerMessage EOF = WorkerMessage.progress(-1, -1, -1);

    private final Process process;
    private final StderrTail tail = new StderrTail(TAIL_LINES);
    private final BlockingQueue<WorkerMessage> messages = new LinkedBlockingQueue<>();
    private volatile boolean stdoutClosed;
    private final java.util.List<Thread> pumps = new java.util.ArrayList<>();

    private WorkerProcess(Process process) {
        this.process = process;
    }

    /** Starts a worker (or takes the agent's {@link SpareWorker} started for this launch) and sends it {@code request}. */
    public static WorkerProcess start(WorkerLaunch launch, WorkerRequest request) throws IOException {
        WorkerProcess worker = SpareWorker.takeInstalled(launch);
        if (worker == null) {
            worker = spawn(launch);
        }
        OutputStream stdin = worker.process.getOutputStream();
        stdin.write((Json.mapper().writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        return worker;
    }

    /** A worker JVM waiting for its request line. */
    static WorkerProcess spawn(WorkerLaunch launch) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launch.command());
        pb.environment().putAll(launch.environment());
        WorkerProcess worker = new WorkerProcess(pb.start());
        worker.pump(worker.process.getInputStream(), true);
        worker.pump(worker.process.getErrorStream(), false);
        return worker;
    }

    /** Writes one more JSON line to the worker's stdin (rounds mode's {@link RoundCommand}s). */
    public void send(Object command) throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write((Json.mapper().writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    boolean alive() {
        return process.isAlive() && !stdoutClosed;
    }

    private void pump(InputStream stream, boolean protocol) {
        Thread t = new Thread(() -> drain(stream, protocol), "edgebench-worker-" + (protocol ? "stdout" : "stderr"));
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    /** Reads one of the worker's streams to its end: protocol lines become messages, anything else the tail. */
    private void drain(InputStream stream, boolean protocol) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                WorkerMessage m = protocol ? parse(line) : null;
                if (m != null) {
                    messages.add(m);
                } else {
                    tail.add(line);
                }
            }
        } catch (IOException e) {
            tail.add("(reading worker " + (protocol ? "stdout" : "stderr") + " failed: " + e + ")");
        } finally {
            if (protocol) {
                stdoutClosed = true;
                messages.add(EOF);
            }
        }
    }

    /** After the exit: waits (bounded) until stdout and stderr are read to the end, so the tail is complete. */
    public void awaitDrained(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        for (Thread t : pumps) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    private static WorkerMessage parse(String line) {
        if (!line.startsWith("{\"type\"")) {
            return null;
        }
        try {
            return Json.mapper().readValue(line, WorkerMessage.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** The next message, or null after {@code timeoutMs} without one or once stdout has ended (see {@link #ended}). */
    public WorkerMessage poll(long timeoutMs) throws InterruptedException {
        WorkerMessage m = messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (m == EOF) {
            messages.add(EOF); // keep answering "ended" to later polls
            return null;
        }
        return m;
    }

    /** True once the worker closed stdout (it exited or is about to) and every message was taken. */
    public boolean ended() {
        return stdoutClosed && messages.peek() == EOF;
    }

    /** Waits up to {@code timeoutMs} for the exit; returns the exit code (128 + N for signal N) or null if alive. */
    public Integer awaitExit(long timeoutMs) throws InterruptedException {
        return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public long pid() {
        return process.pid();
    }

    public StderrTail tail() {
        return tail;
    }

    /** Asks the worker to end its timed loop now (see {@link StopSignal}); false when the worker is gone. */
    public boolean requestStop() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((StopSignal.LINE + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: a hung runtime may ignore anything gentler. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the worker is gone already
        }
        if (process.isAlive()) {
            kill();
        }
    }
}

package io.edgebench.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * "Stop the timed loop now": the parent writes {@value #LINE} on the worker's stdin once the energy per inference is
 * known well enough (--energy-accuracy); the worker's stdin reader sets this, and the timed loop, held open past its
 * run count and min_seconds for it, ends at the next inference. max_seconds bounds the loop either way. One request
 * per worker process, so one flag per process.
 */
public final class StopSignal {
    public static final String LINE = "stop";
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private StopSignal() {}

    public static void request() {
        REQUESTED.set(true);
    }

    public static boolean requested() {
        return REQUESTED.get();
    }
}

package io.edgebench.worker;

import io.edgebench.results.Phase;
import java.lang.reflect.Field;
import java.util.Locale;

/**
 * A test hook that makes the worker die for real, so tests can prove crash isolation: {@code kind[@phase]} with
 * kind sigsegv (a real invalid memory write: the JVM's fatal error handler runs, as for a native crash in a
 * runtime), sigkill (kill -KILL of the worker's own pid, as the kernel's OOM killer would), hang (never returns) or
 * oom (fills the Java heap), and phase load, warmup or run (default load: before the model is opened).
 * It is not a BenchParams field, so neither the CLI nor MQTT can carry it, and the worker refuses it unless its JVM
 * was started with -D{@value #ENABLE_PROPERTY}=true.
 */
public record DebugCrash(String kind, Phase phase) {
    public static final String ENABLE_PROPERTY = "edgebench.worker.debug";

    public static DebugCrash parse(String spec) {
        if (spec == null) {
            return null;
        }
        if (!Boolean.getBoolean(ENABLE_PROPERTY)) {
            throw new IllegalArgumentException(
                    "debug_crash is a test hook; this worker was not started with -D" + ENABLE_PROPERTY + "=true");
        }
        String[] parts = spec.toLowerCase(Locale.ROOT).split("@", 2);
        String phase = parts.length > 1 ? parts[1] : "load";
        if (!parts[0].matches("sigsegv|sigkill|hang|oom") || !phase.matches("load|warmup|run")) {
            throw new IllegalArgumentException(
                    "debug_crash [" + spec + "] must be sigsegv|sigkill|hang|oom, optionally @load|@warmup|@run");
        }
        return new DebugCrash(parts[0], Phase.parse(phase));
    }

    /** Dies now if {@code current} is this hook's phase. */
    public void maybeFire(Phase current) {
        if (phase != current) {
            return;
        }
        System.err.println("edgebench worker: debug_crash " + kind + " in phase " + phase.id());
        switch (kind) {
            case "sigsegv" -> writeToAddressZero();
            case "sigkill" -> killSelf();
            case "oom" -> fillHeap();
            default -> {}
        }
        hangForever();
    }

    private static void writeToAddressZero() {
        try {
            Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 42L);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("debug_crash sigsegv: sun.misc.Unsafe unavailable", e);
        }
    }

    private static void killSelf() {
        try {
            new ProcessBuilder(
                            "kill",
                            "-KILL",
                            Long.toString(ProcessHandle.current().pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("debug_crash sigkill: cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("MismatchedQueryAndUpdateOfCollection")
    private static void fillHeap() {
        java.util.List<long[]> hog = new java.util.ArrayList<>();
        while (true) {
            hog.add(new long[1 << 20]);
        }
    }

    private static void hangForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep hanging: this hook simulates a runtime stuck in native code
            }
        }
    }
}

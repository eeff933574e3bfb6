package io.edgebench.cpu;

import io.edgebench.runtime.tflite.edgetpu.NativeLoader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Pins the calling process to a CPU set through edgebench's JNI shim (native/affinity.c): sched_setaffinity on
 * every thread in /proc/self/task. Called by the worker before it opens the model, so the runtimes' thread pools,
 * created later, inherit the mask. Two passes catch a thread started by a not-yet-pinned thread during the first.
 */
public final class CpuAffinity {
    private CpuAffinity() {}

    /** Pins every thread of this process to {@code cpus}; throws CpuAffinityException with the kernel's reason. */
    public static void pinProcess(List<Integer> cpus, List<Integer> online) {
        for (int c : cpus) {
            if (!online.contains(c)) {
                throw new CpuAffinityException("cpus [" + CpuList.format(cpus) + "]: cpu " + c + " is not among the"
                        + " CPUs this process may use [" + CpuList.format(online) + "]; pick from those, e.g. --cpus "
                        + online.get(online.size() - 1));
            }
        }
        try {
            NativeLoader.ensureLoaded();
        } catch (RuntimeException e) {
            throw new CpuAffinityException(
                    "--cpus needs edgebench's JNI shim (libedgebench_jni.so): " + e.getMessage(), e);
        }
        int[] set = cpus.stream().mapToInt(Integer::intValue).toArray();
        for (int pass = 0; pass < 2; pass++) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
                for (Path t : tasks) {
                    setThreadAffinity(Integer.parseInt(t.getFileName().toString()), set);
                }
            } catch (IOException e) {
                throw new CpuAffinityException("cannot list /proc/self/task to pin every thread: " + e.getMessage(), e);
            }
        }
    }

    /**
     * sched_setaffinity(tid, cpus). Returns 0, or 1 when the thread ended meanwhile; throws CpuAffinityException
     * when the kernel refuses (e.g. EINVAL: none of the CPUs is online).
     */
    static native int setThreadAffinity(int tid, int[] cpus);
}

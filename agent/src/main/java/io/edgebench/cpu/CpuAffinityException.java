package io.edgebench.cpu;

/** Pinning the worker (--cpus) failed: the kernel refused the CPU set, or the JNI shim is missing. */
public final class CpuAffinityException extends RuntimeException {
    public CpuAffinityException(String message) {
        super(message);
    }

    public CpuAffinityException(String message, Throwable cause) {
        super(message, cause);
    }
}

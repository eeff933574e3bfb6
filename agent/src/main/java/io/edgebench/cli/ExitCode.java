package io.edgebench.cli;

/** Process exit codes, after BSD sysexits(3), so scripts and systemd can tell failures apart. */
public final class ExitCode {
    public static final int OK = 0;
    /** A benchmark ran but reported status failed (the worker crashed, hung or rejected the model at run time). */
    public static final int FAILED = 1;

    public static final int USAGE = 64;
    /** Bad input data: a malformed or unsupported model. */
    public static final int DATA_ERR = 65;
    /** A needed service or device is unavailable: no broker, no Edge TPU. */
    public static final int UNAVAILABLE = 69;

    public static final int SOFTWARE = 70;
    public static final int CONFIG = 78;

    private ExitCode() {}
}

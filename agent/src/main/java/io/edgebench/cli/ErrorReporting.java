package io.edgebench.cli;

import io.edgebench.model.ModelLoadException;
import io.edgebench.runtime.AcceleratorUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Turns exceptions that reach the command line into one clear line on stderr and a sysexits code. */
final class ErrorReporting {
    private ErrorReporting() {}

    static int exitCodeFor(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        if (t instanceof io.edgebench.config.ConfigException) {
            return ExitCode.CONFIG;
        }
        if (t instanceof AcceleratorUnavailableException) {
            return ExitCode.UNAVAILABLE; // no libedgetpu, no Edge TPU, device busy
        }
        if (t instanceof ModelLoadException) {
            return ExitCode.DATA_ERR;
        }
        if (t instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (t instanceof java.io.IOException) {
            return ExitCode.DATA_ERR;
        }
        return ExitCode.SOFTWARE;
    }

    static int handle(Exception e, CommandLine cl, ParseResult parsed) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        cl.getErr().println("edgebench: " + message);
        if (exitCodeFor(e) == ExitCode.SOFTWARE) {
            e.printStackTrace(cl.getErr());
        }
        return exitCodeFor(e);
    }
}

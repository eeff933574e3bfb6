package io.edgebench.runtime.tflite.edgetpu;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libedgetpu's version string, e.g. {@code BuildLabel(COMPILER=6.3.0 20170516,DATE=redacted,TIME=redacted,
 * CL_NUMBER=291256449), RuntimeVersion(14)}, and what is known about which TensorFlow Lite it can run inside.
 *
 * <p>libedgetpu is compiled against one TensorFlow's C++ internals and only works inside a matching TFLite runtime
 * (a mismatch typically fails with "Unsupported data type in custom op handler" or crashes). The version string
 * does not name that TensorFlow, so edgebench can only recognise known builds; everything else gets a warning.
 *
 * @param runtimeVersion the RuntimeVersion(N) number, -1 when absent
 */
public record EdgeTpuVersion(String raw, int runtimeVersion, String compiler, String clNumber) {
    /** Users who confirmed their libedgetpu build works with this TFLite can silence the warning with it. */
    public static final String TRUSTED_BUILD_PROPERTY = "edgebench.edgetpu.trusted_build";

    private static final Pattern RUNTIME = Pattern.compile("RuntimeVersion\\((\\d+)\\)");
    private static final Pattern COMPILER = Pattern.compile("COMPILER=([^,)]*)");
    private static final Pattern CL = Pattern.compile("CL_NUMBER=([^,)]*)");

    public static EdgeTpuVersion parse(String raw) {
        String text = raw == null ? "" : raw.trim();
        Matcher runtime = RUNTIME.matcher(text);
        Matcher compiler = COMPILER.matcher(text);
        Matcher cl = CL.matcher(text);
        return new EdgeTpuVersion(
                text,
                runtime.find() ? Integer.parseInt(runtime.group(1)) : -1,
                compiler.find() ? compiler.group(1) : null,
                cl.find() ? cl.group(1) : null);
    }

    /**
     * A warning when this libedgetpu is not known to match {@code tfliteVersion} (e.g. "2.21.0"), naming both; empty
     * when it is known to match (or the user declared it trusted).
     */
    public Optional<String> compatibilityWarning(String tfliteVersion) {
        String trusted = System.getProperty(TRUSTED_BUILD_PROPERTY);
        if (trusted != null && !trusted.isBlank() && raw.contains(trusted.trim())) {
            return Optional.empty();
        }
        String known;
        if (runtimeVersion >= 0 && runtimeVersion <= 13) {
            known = "RuntimeVersion(" + runtimeVersion + ") is an official Coral release up to libedgetpu 15.0,"
                    + " built for TensorFlow 2.4 or older";
        } else if (runtimeVersion == 14) {
            known = "RuntimeVersion(14) is libedgetpu 16.0: the official Coral build is compiled for TensorFlow 2.5.0,"
                    + " community builds track newer TensorFlow, and the version string does not say which";
        } else {
            known = "this runtime version is not in edgebench's table of known builds";
        }
        return Optional.of("libedgetpu [" + raw + "] is not known to match TensorFlow Lite [" + tfliteVersion + "]: "
                + known + ". A mismatched build typically fails with 'Unsupported data type in custom op handler'"
                + " or crashes. Use a libedgetpu built against TensorFlow " + tfliteVersion + "; if yours is, set -D"
                + TRUSTED_BUILD_PROPERTY + "=<part of its version string> to silence this warning.");
    }
}

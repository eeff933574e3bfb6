package io.edgebench.calibrate;

import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The no-JVM yardstick (native/baseline, built for the host and arm64 at package time) and the very runtime
 * libraries the jar carries, extracted side by side into a folder the caller owns. Runs one model N times per call
 * and returns the baseline's median latency.
 */
public final class NativeBaseline {
    /** What the jar holds for one architecture: the program and the two runtimes' native libraries. */
    record Layout(String program, String tfliteLib, String onnxLib) {
        static Optional<Layout> forHost() {
            return switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" ->
                    Optional.of(new Layout(
                            "native/linux-x86_64/edgebench-baseline",
                            "org/bytedeco/tensorflowlite/linux-x86_64/libjnitensorflowlite.so",
                            "ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
                case "aarch64", "arm64" ->
                    Optional.of(new Layout(
                            "native/linux-arm64/edgebench-baseline",
                            "org/bytedeco/tensorflowlite/linux-arm64/libjnitensorflowlite.so",
                            "ai/onnxruntime/native/linux-aarch64/libonnxruntime.so"));
                default -> Optional.empty();
            };
        }
    }

    private static final Pattern RESULT = Pattern.compile("median_us=([0-9.]+)");
    private static final long TIMEOUT_S = 300;

    private final Path program;
    private final Path tfliteLib;
    private final Path onnxLib;

    private NativeBaseline(Path program, Path tfliteLib, Path onnxLib) {
        this.program = program;
        this.tfliteLib = tfliteLib;
        this.onnxLib = onnxLib;
    }

    /** Extracts program and libraries into {@code dir}; fails with what is missing and why. */
    public static NativeBaseline extract(Path dir) throws IOException {
        Layout layout = Layout.forHost()
                .orElseThrow(() -> new IOException("architecture [" + System.getProperty("os.arch")
                        + "] has no native baseline; edgebench runs on x86_64 and aarch64"));
        Path program = copy(
                layout.program(),
                dir.resolve("edgebench-baseline"),
                "rebuild the jar with gcc installed (native/Makefile target baseline)");
        if (!program.toFile().setExecutable(true, true)) {
            throw new IOException("cannot make [" + program + "] executable (is " + dir + " mounted noexec?)");
        }
        return new NativeBaseline(
                program,
                copy(layout.tfliteLib(), dir.resolve("libjnitensorflowlite.so"), "the TFLite natives are missing"),
                copy(layout.onnxLib(), dir.resolve("libonnxruntime.so"), "the ONNX Runtime natives are missing"));
    }

    /** The extracted program, for its modes other than timing (the reference set NativeReferenceTest writes). */
    public Path program() {
        return program;
    }

    /** The extracted native library of {@code runtime}, the one the program loads for it. */
    public Path library(RuntimeKind runtime) {
        return runtime == RuntimeKind.ONNX ? onnxLib : tfliteLib;
    }

    private static Path copy(String resource, Path target, String hint) throws IOException {
        try (InputStream in = NativeBaseline.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource [" + resource + "] is not in this jar; " + hint);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * One baseline process: the same model, threads, warm-up and spinning as an {@code edgebench bench} worker.
     *
     * @param warmupRuns and {@code warmupSeconds}: after a first inference, warm up until both are reached (the
     *     worker's rule, so neither side warms up longer)
     * @param onnxSpinning ONNX Runtime's session.intra_op.allow_spinning (ignored by TFLite)
     */
    public record Run(
            RuntimeKind runtime,
            Delegate delegate,
            Path model,
            int threads,
            int runs,
            int warmupRuns,
            double warmupSeconds,
            boolean onnxSpinning) {}

    /** Median (nearest-rank, as LatencyStats) of the run's timed inferences, in microseconds. */
    public double medianUs(Run r) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                program.toString(),
                r.runtime() == RuntimeKind.ONNX ? "onnx" : "tflite",
                (r.runtime() == RuntimeKind.ONNX ? onnxLib : tfliteLib).toString(),
                r.model().toString(),
                Integer.toString(r.threads()),
                Integer.toString(r.runs()),
                Integer.toString(r.warmupRuns())));
        if (r.runtime() == RuntimeKind.TFLITE) {
            cmd.add(r.delegate() == Delegate.CPU ? "builtin" : "xnnpack");
        } else {
            cmd.add("spinning=" + (r.onnxSpinning() ? 1 : 0));
        }
        cmd.add(String.format(Locale.ROOT, "warmup_s=%.3f", r.warmupSeconds()));
        // Output goes to a file, not a pipe: reading a pipe to its end would block until the child exits, and a
        // hung baseline would never reach the timeout below.
        Path log = Files.createTempFile("edgebench-baseline", ".log");
        String text;
        int exit;
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Native baseline did not finish within " + TIMEOUT_S + " s and was killed: " + cmd
                        + " (a hung runtime? run the command by hand to see)");
            }
            text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            exit = p.exitValue();
        } finally {
            Files.deleteIfExists(log);
        }
        Matcher m = RESULT.matcher(text);
        if (exit != 0 || !m.find()) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "native baseline exited %d for %s/%s: %s",
                    exit,
                    r.runtime().name().toLowerCase(Locale.ROOT),
                    r.delegate().name().toLowerCase(Locale.ROOT),
                    text.strip()));
        }
        return Double.parseDouble(m.group(1));
    }
}

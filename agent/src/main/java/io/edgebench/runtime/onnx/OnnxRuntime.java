package io.edgebench.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import io.edgebench.model.ModelFile;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.onnx.OnnxModelReader;
import io.edgebench.results.Delegate;
import io.edgebench.results.ModelFormat;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * ONNX Runtime (Java binding, CPU execution provider). Owns the process-wide {@link OrtEnvironment}, which ONNX
 * Runtime makes a singleton that is never closed; each {@link OnnxSession} owns its own native session.
 */
public final class OnnxRuntime implements InferenceRuntime {
    private static OrtEnvironment environment;
    private static Path removedTempDir;

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.ONNX;
    }

    @Override
    public String version() {
        return environment().getVersion();
    }

    @Override
    public ModelSession open(Path model, SessionOptions options) {
        if (options.delegate() != Delegate.CPU) {
            throw new ModelLoadException("Delegate [" + options.delegate().id() + "] is not available for model ["
                    + model + "]: ONNX Runtime runs on the CPU EP only in this build; use --delegate cpu");
        }
        OnnxModelReader.warmUp();
        long t0 = System.nanoTime();
        ModelFile file = ModelFile.open(model);
        if (file.format() != ModelFormat.ONNX) {
            throw new ModelLoadException(
                    "Model [" + model + "] is a " + file.format().id() + " model, not ONNX; use " + "--runtime "
                            + file.format().runtime().id());
        }
        file.onnx(); // parsed during open: that parse is the load cost we report
        long modelLoadUs = (System.nanoTime() - t0) / 1_000;
        return OnnxSession.create(environment(), file, options, modelLoadUs);
    }

    /**
     * The shared environment, created on first use with warnings silenced (ONNX Runtime warns on stderr about, e.g.,
     * unused initializers; errors still reach us as exceptions).
     */
    static synchronized OrtEnvironment environment() {
        if (environment == null) {
            refuseLongCommandLine(Path.of("/proc/self/cmdline"));
            try {
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "edgebench");
            } catch (RuntimeException | LinkageError e) {
                throw new ModelLoadException(
                        "ONNX Runtime's native library could not be loaded on ["
                                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "]: " + e
                                + ". This build ships linux x86_64 and aarch64 (64-bit OS) natives only.",
                        e);
            }
            removedTempDir = removeNativeTempDir().orElse(null);
        }
        return environment;
    }

    /**
     * Measured on x86_64 with 1.29.0: ONNX Runtime's native init kills the JVM with SIGSEGV (no hs_err file, no Java
     * exception) when /proc/self/cmdline is about 3980 bytes or longer, e.g. a long -cp list of jars. An @argfile or
     * the CLASSPATH variable keeps the command line short and avoids it. Refusing here turns a silent crash into a
     * clear error; the margin below the measured limit covers other builds.
     */
    static final int MAX_SAFE_CMDLINE_BYTES = 3800;

    static void refuseLongCommandLine(Path cmdline) {
        long length;
        try {
            length = Files.readAllBytes(cmdline).length; // procfs reports size 0: read, do not stat
        } catch (IOException | RuntimeException e) {
            return; // not Linux, or no procfs: nothing to measure
        }
        if (length >= MAX_SAFE_CMDLINE_BYTES) {
            throw new ModelLoadException("The JVM command line is [" + length + "] bytes; ONNX Runtime 1.29.0 "
                    + "crashes the JVM at start-up from about 3980 bytes on, so it is not loaded (limit here "
                    + MAX_SAFE_CMDLINE_BYTES + "). Start java with -jar, an @argfile or the CLASSPATH variable "
                    + "instead of a long -cp or -D list.");
        }
    }

    /** The extraction directory removed after start-up, if there was one (tests check it is gone). */
    static synchronized Optional<Path> removedNativeTempDir() {
        return Optional.ofNullable(removedTempDir);
    }

    /**
     * ONNX Runtime extracts its .so files into a fresh temp dir and registers the dir for deletion on exit before
     * the files, so the JVM's reverse-order delete leaves one empty dir behind per start. The libraries are loaded by
     * now and Linux keeps them mapped after unlink, so the dir and files go now. Best effort: the field is private
     * to ONNX Runtime, and failing to tidy up must never fail a benchmark. Consequence: CUDA-style provider
     * libraries could no longer be extracted later, which this CPU-only build never does.
     */
    private static Optional<Path> removeNativeTempDir() {
        try {
            Class<?> loader = Class.forName("ai.onnxruntime.OnnxRuntime");
            Field field = loader.getDeclaredField("tempDirectory");
            field.setAccessible(true);
            Object value = field.get(null);
            if (!(value instanceof Path dir) || !Files.isDirectory(dir)) {
                return Optional.empty();
            }
            OnnxNatives.removeTree(dir);
            return Optional.of(dir);
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            return Optional.empty();
        }
    }
}

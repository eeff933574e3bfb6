package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.runtime.AcceleratorUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place edgebench's own native library (libedgebench_jni.so) is loaded. The jar carries one build per
 * platform under {@code native/<os-arch>/}; the one matching {@code os.arch} is loaded straight from the class
 * path directory, or extracted from the jar into a private temporary directory (deleted on exit), or taken from
 * {@code -Dedgebench.native.dir=DIR} ({@code DIR/<os-arch>/libedgebench_jni.so} or {@code DIR/libedgebench_jni.so}).
 * The outcome is remembered: a failure is reported the same way, quickly, on every later call.
 */
public final class NativeLoader {
    static final String LIBRARY_FILE = "libedgebench_jni.so";
    /** System property naming a directory to load the shim from instead of the jar. */
    public static final String NATIVE_DIR_PROPERTY = "edgebench.native.dir";

    private static String loadedFrom;
    private static AcceleratorUnavailableException failure;

    private NativeLoader() {}

    /** Loads the shim once per JVM; throws the same teaching error on every call if it cannot be loaded. */
    public static synchronized void ensureLoaded() {
        if (loadedFrom != null) {
            return;
        }
        if (failure != null) {
            throw new AcceleratorUnavailableException(failure.getMessage(), failure);
        }
        try {
            loadedFrom = load();
        } catch (AcceleratorUnavailableException e) {
            failure = e;
            throw e;
        }
    }

    /** Where the shim was loaded from, or null if it is not loaded. */
    public static synchronized String loadedFrom() {
        return loadedFrom;
    }

    /** Maps the JVM's os.name/os.arch to the directory names used in the jar, e.g. "linux-arm64". */
    public static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return null;
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "linux-x86_64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> null;
        };
    }

    private static String load() {
        String platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (platform == null) {
            throw new AcceleratorUnavailableException(
                    "Edge TPU support needs 64-bit Linux on x86_64 or aarch64; this JVM"
                            + " runs on [" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "]."
                            + " (A 32-bit Raspberry Pi OS reports arm: install the 64-bit OS.)");
        }
        List<String> tried = new ArrayList<>();
        List<Path> candidates = new ArrayList<>();
        String dir = System.getProperty(NATIVE_DIR_PROPERTY);
        try {
            if (dir != null && !dir.isBlank()) {
                candidates.add(Path.of(dir, platform, LIBRARY_FILE));
                candidates.add(Path.of(dir, LIBRARY_FILE));
            } else {
                Path fromClassPath = fromClassPath(platform, tried);
                if (fromClassPath != null) {
                    candidates.add(fromClassPath);
                }
            }
        } catch (IOException e) {
            tried.add("classpath:/native/" + platform + "/" + LIBRARY_FILE + " (extraction failed: " + e.getMessage()
                    + ")");
        }
        for (Path candidate : candidates) {
            String error = tryLoad(candidate, platform);
            if (error == null) {
                return candidate.toString();
            }
            tried.add(candidate + " (" + error + ")");
        }
        throw new AcceleratorUnavailableException("Edge TPU JNI shim " + LIBRARY_FILE + " for [" + platform
                + "] could not be loaded (tried: " + String.join("; ", tried) + "). The jar was built without it"
                + " (a build cross-compiles the other arch's shim only with its cross compiler: gcc-aarch64-linux-gnu"
                + " on amd64, gcc-x86-64-linux-gnu on arm64) or -D" + NATIVE_DIR_PROPERTY
                + " points at the wrong place.");
    }

    /** The shim inside the class path: the file itself for a directory entry, else a private extracted copy. */
    private static Path fromClassPath(String platform, List<String> tried) throws IOException {
        String resource = "/native/" + platform + "/" + LIBRARY_FILE;
        URL url = NativeLoader.class.getResource(resource);
        if (url == null) {
            tried.add("classpath:" + resource + " (not in the jar)");
            return null;
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad resource URL " + url, e);
            }
        }
        // Files.createTempDirectory makes the directory owner-only (rwx------) on POSIX: nobody can swap the .so.
        Path dir = Files.createTempDirectory("edgebench-native-");
        Path target = dir.resolve(LIBRARY_FILE);
        try (InputStream in = url.openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        dir.toFile().deleteOnExit();
        target.toFile().deleteOnExit(); // registered last, so deleted first
        return target;
    }

    /** Loads one candidate; returns null on success or the reason it failed. */
    private static String tryLoad(Path candidate, String platform) {
        if (!Files.isRegularFile(candidate)) {
            return "no such file";
        }
        try {
            System.load(candidate.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            return e.getMessage();
        }
        String abi = EdgeTpuNative.abi();
        if (!platform.equals(abi)) {
            return "built for [" + abi + "], expected [" + platform + "]";
        }
        return null;
    }
}

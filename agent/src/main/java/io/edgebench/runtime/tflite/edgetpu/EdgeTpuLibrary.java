package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.runtime.AcceleratorUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libedgetpu.so.1, opened at run time through the JNI shim (no link-time dependency: the agent runs on boards
 * without it). Which file: {@code -Dedgebench.libedgetpu=PATH}, else {@code $EDGEBENCH_LIBEDGETPU}, else
 * "libedgetpu.so.1" through the system library path plus the usual install directories.
 *
 * <p>Owns the dlopen handle for the rest of the process and is therefore not closeable: libedgetpu keeps
 * process-wide singletons and USB worker threads that make unloading it unsafe. Instances are cached per path.
 */
public final class EdgeTpuLibrary {
    /** System property naming the libedgetpu file to load. */
    public static final String PATH_PROPERTY = "edgebench.libedgetpu";
    /** Environment variable naming the libedgetpu file to load (the property wins). */
    public static final String PATH_ENV = "EDGEBENCH_LIBEDGETPU";

    static final String SONAME = "libedgetpu.so.1";

    private static final Map<String, EdgeTpuLibrary> OPENED = new HashMap<>();

    private final String path;
    private final long handle;

    private EdgeTpuLibrary(String path, long handle) {
        this.path = path;
        this.handle = handle;
    }

    /** Opens the configured libedgetpu (see class doc); fails in milliseconds with an install hint when absent. */
    public static EdgeTpuLibrary open() {
        String configured = System.getProperty(PATH_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(PATH_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return open(List.of(configured));
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(SONAME); // dlopen searches LD_LIBRARY_PATH, /etc/ld.so.cache, /lib, /usr/lib
        String triplet = "aarch64".equals(System.getProperty("os.arch")) ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        candidates.add("/usr/lib/" + triplet + "/" + SONAME);
        candidates.add("/usr/local/lib/" + SONAME); // community builds installed without ldconfig
        return open(candidates);
    }

    /** Opens the first loadable candidate; the error names every candidate and why it failed. */
    static synchronized EdgeTpuLibrary open(List<String> candidates) {
        NativeLoader.ensureLoaded();
        List<String> tried = new ArrayList<>();
        boolean foundButBroken = false;
        for (String candidate : candidates) {
            EdgeTpuLibrary cached = OPENED.get(candidate);
            if (cached != null) {
                return cached;
            }
            if (candidate.contains("/") && !Files.exists(Path.of(candidate))) {
                tried.add(candidate + " (no such file)");
                continue;
            }
            try {
                EdgeTpuLibrary lib = new EdgeTpuLibrary(candidate, EdgeTpuNative.open(candidate));
                OPENED.put(candidate, lib);
                return lib;
            } catch (EdgeTpuNativeException e) {
                String reason = e.getMessage();
                foundButBroken |=
                        !reason.contains(candidate.substring(candidate.lastIndexOf('/') + 1) + ": cannot open");
                tried.add(describe(candidate) + " (" + reason + ")");
            }
        }
        throw new AcceleratorUnavailableException(missingMessage(tried, foundButBroken));
    }

    private static String describe(String candidate) {
        return candidate.contains("/") ? candidate : candidate + " via the system library path";
    }

    private static String missingMessage(List<String> tried, boolean foundButBroken) {
        String what = foundButBroken ? SONAME + " could not be loaded" : SONAME + " not found";
        String hint = foundButBroken && String.join(" ", tried).contains("libusb")
                ? " It needs libusb: apt-get install libusb-1.0-0."
                : "";
        return what + " (tried: " + String.join("; ", tried) + ")." + hint
                + " Install the Edge TPU runtime: apt-get install libedgetpu1-std (Coral apt repo) or a community build"
                + " matching TensorFlow Lite 2.21, or point -D" + PATH_PROPERTY + " / " + PATH_ENV + " at the library.";
    }

    /** The file this library was loaded from, as given. */
    public String path() {
        return path;
    }

    /** edgetpu_version(), parsed. */
    public EdgeTpuVersion version() {
        try {
            return EdgeTpuVersion.parse(EdgeTpuNative.version(handle));
        } catch (EdgeTpuNativeException e) {
            throw new AcceleratorUnavailableException(
                    "libedgetpu [" + path + "] version query failed: " + e.getMessage(), e);
        }
    }

    /** Attached Edge TPUs in libedgetpu's enumeration order; empty when none. */
    public List<EdgeTpuDevice> devices() {
        String[] pairs;
        try {
            pairs = EdgeTpuNative.listDevices(handle);
        } catch (EdgeTpuNativeException e) {
            throw new AcceleratorUnavailableException("Listing Edge TPUs failed: " + e.getMessage(), e);
        }
        List<EdgeTpuDevice> devices = new ArrayList<>();
        Map<String, Integer> perType = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            int index = perType.merge(pairs[i], 1, Integer::sum) - 1;
            devices.add(new EdgeTpuDevice(pairs[i], pairs[i + 1], index));
        }
        return List.copyOf(devices);
    }

    /** Sets libedgetpu's log verbosity (0..10); false when this build lacks edgetpu_verbosity. */
    public boolean verbosity(int level) {
        if (level < 0 || level > 10) {
            throw new IllegalArgumentException("edgetpu verbosity [" + level + "] must be 0..10");
        }
        return EdgeTpuNative.setVerbosity(handle, level);
    }

    /**
     * Creates a delegate on the device {@code options.device()} names ("usb:0", "pci", null for the first found)
     * with the performance and USB options. Throws AcceleratorUnavailableException when no such device exists or
     * libedgetpu cannot open it.
     */
    public EdgeTpuDelegate createDelegate(EdgeTpuOptions options) {
        EdgeTpuVersion version = version();
        EdgeTpuDevice device = DeviceSelector.select(options.device(), devices(), version.raw());
        List<String[]> pairs = OptionMapping.toLibedgetpu(options, device);
        String[] names = pairs.stream().map(p -> p[0]).toArray(String[]::new);
        String[] values = pairs.stream().map(p -> p[1]).toArray(String[]::new);
        long address;
        try {
            address = EdgeTpuNative.createDelegate(handle, device.nativeType(), device.path(), names, values);
        } catch (EdgeTpuNativeException e) {
            throw new AcceleratorUnavailableException(
                    "Creating the Edge TPU delegate on [" + device + "] failed: " + e.getMessage(), e);
        }
        if (address == 0) {
            throw new AcceleratorUnavailableException("Edge TPU [" + device + "] is attached but libedgetpu could not"
                    + " open it: it is busy (another process, e.g. a second edgebench or a Coral demo, holds it) or not"
                    + " accessible to user [" + System.getProperty("user.name") + "] (USB: udev rules from the"
                    + " libedgetpu package and group plugdev; PCIe: group apex and the gasket/apex driver). Stop the"
                    + " other user or fix permissions, then retry.");
        }
        EdgeTpuInfo info =
                new EdgeTpuInfo(device.type(), device.path(), OptionMapping.performance(options), version.raw());
        return new EdgeTpuDelegate(this, address, info);
    }

    /** Frees a delegate; only EdgeTpuDelegate.close() calls this. */
    void free(long delegateAddress) {
        EdgeTpuNative.freeDelegate(handle, delegateAddress);
    }
}

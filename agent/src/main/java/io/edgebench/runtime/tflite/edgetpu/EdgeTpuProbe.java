package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.model.ModelLoadException;
import java.util.List;

/**
 * What `edgebench sensors` and the agent's status report about Edge TPUs. Never throws: a missing libedgetpu is
 * "no data" with the reason, not an error. Also a main class, used by the build to check that the shaded jar
 * loads its shim ({@code java -cp edgebench.jar io.edgebench.runtime.tflite.edgetpu.EdgeTpuProbe}).
 *
 * @param available true when libedgetpu loaded (devices may still be empty)
 * @param libedgetpuPath the file loaded, null when unavailable
 * @param libedgetpuVersion its version string, null when unavailable
 * @param devices attached devices, empty when none or unavailable
 * @param error why libedgetpu is unavailable, null when available
 */
public record EdgeTpuProbe(
        boolean available, String libedgetpuPath, String libedgetpuVersion, List<EdgeTpuDevice> devices, String error) {

    public EdgeTpuProbe {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** Loads libedgetpu (once per process) and lists devices; takes milliseconds when it is absent. */
    public static EdgeTpuProbe probe() {
        try {
            EdgeTpuLibrary lib = EdgeTpuLibrary.open();
            return new EdgeTpuProbe(true, lib.path(), lib.version().raw(), lib.devices(), null);
        } catch (ModelLoadException e) {
            return new EdgeTpuProbe(false, null, null, List.of(), e.getMessage());
        }
    }

    /** The agent status' accelerator names, e.g. ["edgetpu:usb:0", "edgetpu:pci:0"] (DeviceProbes.accelerators()). */
    public List<String> acceleratorIds() {
        return devices.stream().map(d -> "edgetpu:" + d.id()).toList();
    }

    /** One line per fact, for humans: "libedgetpu=... version=..." then "usb:0 /sys/bus/usb/devices/2-1". */
    public List<String> describe() {
        if (!available) {
            return List.of("edgetpu: unavailable: " + error);
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add("edgetpu: libedgetpu=" + libedgetpuPath + " version=" + libedgetpuVersion + " devices="
                + devices.size());
        for (EdgeTpuDevice d : devices) {
            lines.add(d.id() + " " + d.path());
        }
        return lines;
    }

    /** Prints the shim's platform and the probe; exits 0 when the shim loaded, 69 when it did not. */
    public static void main(String[] args) {
        long startNs = System.nanoTime();
        EdgeTpuProbe probe = probe();
        long probeUs = (System.nanoTime() - startNs) / 1000;
        String shim = NativeLoader.loadedFrom();
        if (shim == null) {
            System.out.println("shim=unavailable probe_us=" + probeUs + " " + probe.error());
            System.exit(69);
        }
        System.out.println("shim=" + EdgeTpuNative.abi() + " probe_us=" + probeUs + " from=" + shim);
        probe.describe().forEach(System.out::println);
    }
}

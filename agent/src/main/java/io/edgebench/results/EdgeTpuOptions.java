package io.edgebench.results;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Options for the Edge TPU delegate (ignored by other delegates).
 *
 * @param device "usb:0", "pci:0" or null for the first device found
 * @param performance "max", "high", "medium" or "low"
 * @param usbAlwaysDfu libedgetpu's Usb.AlwaysDfu option
 * @param usbMaxBulkInQueueLength libedgetpu's Usb.MaxBulkInQueueLength option, 0 for the library default
 */
public record EdgeTpuOptions(String device, String performance, boolean usbAlwaysDfu, int usbMaxBulkInQueueLength) {
    /** libedgetpu's Performance levels, in edgebench's spelling, fastest first. */
    public static final List<String> PERFORMANCE_LEVELS = List.of("max", "high", "medium", "low");
    // same grammar as runtime.tflite.edgetpu.DeviceSelector: type, N-th device of that type, or N-th of all
    private static final Pattern DEVICE = Pattern.compile("(usb|pci)(:\\d{1,4})?|:\\d{1,4}");

    public static EdgeTpuOptions defaults() {
        return new EdgeTpuOptions(null, "max", false, 0);
    }

    /**
     * Checks a device spec as typed by the user ({@code name}: "--edgetpu-device", "field \"edgetpu_device\"");
     * returns it lower-cased, or null for null/"auto" (first device found).
     */
    public static String checkDevice(String name, String value) {
        if (value == null || "auto".equalsIgnoreCase(value.trim())) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!DEVICE.matcher(v).matches()) {
            throw new IllegalArgumentException(name + " [" + value + "] must be usb, pci, usb:N, pci:N or :N (N-th"
                    + " device, counting from 0) or auto, e.g. usb:0");
        }
        return v;
    }

    /** Checks a performance level ({@code name} as for checkDevice); returns it lower-cased, null gives "max". */
    public static String checkPerformance(String name, String value) {
        if (value == null) {
            return "max";
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!PERFORMANCE_LEVELS.contains(v)) {
            throw new IllegalArgumentException(
                    name + " [" + value + "] must be one of " + String.join(", ", PERFORMANCE_LEVELS));
        }
        return v;
    }
}

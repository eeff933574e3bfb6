package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.results.EdgeTpuOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EdgeTpuOptions to libedgetpu's device options ("Performance", "Usb.AlwaysDfu", "Usb.MaxBulkInQueueLength"). */
final class OptionMapping {
    private OptionMapping() {}

    /** The validated performance level in edgebench's spelling: max, high, medium or low. */
    static String performance(EdgeTpuOptions options) {
        String value = options.performance() == null
                ? "max"
                : options.performance().trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "max", "high", "medium", "low" -> value;
            default ->
                throw new IllegalArgumentException(
                        "edgetpu performance [" + options.performance() + "] must be one of max, high, medium, low");
        };
    }

    /**
     * Name/value pairs for edgetpu_create_delegate. USB options go only to USB devices; a queue length of 0 means
     * "libedgetpu's default" (32) and is not passed.
     */
    static List<String[]> toLibedgetpu(EdgeTpuOptions options, EdgeTpuDevice device) {
        String performance = performance(options);
        int queue = options.usbMaxBulkInQueueLength();
        if (queue < 0 || queue > 255) {
            throw new IllegalArgumentException(
                    "edgetpu usb max bulk-in queue length [" + queue + "] must be 0..255 (0 = libedgetpu default)");
        }
        List<String[]> pairs = new ArrayList<>();
        // libedgetpu spells levels capitalised: Low, Medium, High, Max
        pairs.add(
                new String[] {"Performance", Character.toUpperCase(performance.charAt(0)) + performance.substring(1)});
        if ("usb".equals(device.type())) {
            pairs.add(new String[] {"Usb.AlwaysDfu", options.usbAlwaysDfu() ? "True" : "False"});
            if (queue > 0) {
                pairs.add(new String[] {"Usb.MaxBulkInQueueLength", Integer.toString(queue)});
            }
        }
        return pairs;
    }
}

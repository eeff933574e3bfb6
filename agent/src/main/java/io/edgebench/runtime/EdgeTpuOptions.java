package io.edgebench.runtime;

/**
 * Options for the Edge TPU delegate (ignored by other delegates).
 *
 * @param device "usb:0", "pci:0" or null for the first device found
 * @param performance "max", "high", "medium" or "low"
 * @param usbAlwaysDfu libedgetpu's Usb.AlwaysDfu option
 * @param usbMaxBulkInQueueLength libedgetpu's Usb.MaxBulkInQueueLength option, 0 for the library default
 */
public record EdgeTpuOptions(String device, String performance, boolean usbAlwaysDfu, int usbMaxBulkInQueueLength) {
    public static EdgeTpuOptions defaults() {
        return new EdgeTpuOptions(null, "max", false, 0);
    }
}

package io.edgebench.results;

import java.util.Objects;

/**
 * The {@code edgetpu} object of a benchmark result (ModelSession.edgeTpu()): which Edge TPU ran it, how, and with which libedgetpu.
 * JSON (snake_case): {@code {"device_type":"usb","device_path":"/sys/bus/usb/devices/2-1","performance":"max",
 * "libedgetpu_version":"BuildLabel(...), RuntimeVersion(14)"}}.
 */
public record EdgeTpuInfo(String deviceType, String devicePath, String performance, String libedgetpuVersion) {
    public EdgeTpuInfo {
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(devicePath, "devicePath");
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(libedgetpuVersion, "libedgetpuVersion");
    }
}

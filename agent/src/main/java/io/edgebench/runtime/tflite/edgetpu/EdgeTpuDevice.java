package io.edgebench.runtime.tflite.edgetpu;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One Edge TPU as libedgetpu enumerates it.
 *
 * @param type "usb" (USB Accelerator) or "pci" (Dev Board, M.2/mini PCIe cards), "unknown:N" otherwise
 * @param path libedgetpu's device path, e.g. "/sys/bus/usb/devices/2-1" or "/dev/apex_0"
 * @param index position among the devices of the same type, in libedgetpu's (stable) enumeration order
 */
public record EdgeTpuDevice(String type, String path, int index) {
    public EdgeTpuDevice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(path, "path");
        if (index < 0) {
            throw new IllegalArgumentException("device index [" + index + "] must be >= 0");
        }
    }

    /** The name users pass to --edgetpu-device, libedgetpu style: "usb:0", "pci:1". */
    @JsonProperty("id")
    public String id() {
        return type + ":" + index;
    }

    /** libedgetpu's enum edgetpu_device_type, or -1 for a type this build does not know. */
    int nativeType() {
        return switch (type) {
            case "pci" -> 0;
            case "usb" -> 1;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        return id() + " (" + path + ")";
    }
}

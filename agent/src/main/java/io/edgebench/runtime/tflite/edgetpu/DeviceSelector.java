package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.runtime.AcceleratorUnavailableException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves --edgetpu-device ("usb:0", "pci:1", "usb", "pci", ":0", null = first found) against the device list. */
final class DeviceSelector {
    private static final Pattern SPEC = Pattern.compile("(usb|pci)?(?::(\\d+))?");

    private DeviceSelector() {}

    static EdgeTpuDevice select(String spec, List<EdgeTpuDevice> devices, String libraryVersion) {
        String wanted = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if ("auto".equals(wanted)) {
            wanted = "";
        }
        Matcher m = SPEC.matcher(wanted);
        if (!m.matches()) {
            throw new IllegalArgumentException("edgetpu device [" + spec + "] must be usb, pci, usb:N, pci:N or :N"
                    + " (N-th device, counting from 0), e.g. usb:0");
        }
        if (devices.isEmpty()) {
            throw new AcceleratorUnavailableException(
                    "No Edge TPU found (libedgetpu [" + libraryVersion + "] lists no"
                            + " devices). USB Accelerator: plug it in (lsusb shows 1a6e:089a, or 18d1:9302 once initialised)"
                            + " and use a USB 3 port; PCIe/M.2 and Dev Board: the gasket/apex driver must provide /dev/apex_0.");
        }
        String type = m.group(1);
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        List<EdgeTpuDevice> matching = type == null
                ? devices
                : devices.stream().filter(d -> d.type().equals(type)).toList();
        if (index < matching.size()) {
            return matching.get(index);
        }
        throw new AcceleratorUnavailableException("Edge TPU [" + spec + "] not found; attached: " + devices
                + ". Pick one of those with --edgetpu-device.");
    }
}

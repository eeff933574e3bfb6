package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgebench.json.Json;
import io.edgebench.results.EdgeTpuInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The result's "edgetpu" object and the probe's device list use the documented snake_case keys. */
class EdgeTpuJsonTest {

    @Test
    void edgeTpuInfo_serialisesWithDocumentedKeys() throws Exception {
        String json = Json.mapper()
                .writeValueAsString(
                        new EdgeTpuInfo("usb", "/sys/bus/usb/devices/2-1", "max", "BuildLabel(X), RuntimeVersion(14)"));
        assertEquals(
                "{\"device_type\":\"usb\",\"device_path\":\"/sys/bus/usb/devices/2-1\",\"performance\":\"max\","
                        + "\"libedgetpu_version\":\"BuildLabel(X), RuntimeVersion(14)\"}",
                json);
    }

    @Test
    void probe_serialisesDevicesWithIds() throws Exception {
        EdgeTpuProbe probe = new EdgeTpuProbe(
                true, "libedgetpu.so.1", "v", List.of(new EdgeTpuDevice("pci", "/dev/apex_0", 0)), null);
        String json = Json.mapper().writeValueAsString(probe);
        assertEquals(
                "{\"available\":true,\"libedgetpu_path\":\"libedgetpu.so.1\",\"libedgetpu_version\":\"v\","
                        + "\"devices\":[{\"type\":\"pci\",\"path\":\"/dev/apex_0\",\"index\":0,\"id\":\"pci:0\"}]"
                        + "}",
                json); // nulls are left out (json.Json)
    }
}

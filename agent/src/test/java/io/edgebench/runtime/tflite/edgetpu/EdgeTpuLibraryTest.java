package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.EdgeTpuInfo;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.runtime.AcceleratorUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JNI shim against the stand-in libedgetpu: version, devices, options passed through, errors. */
@Timeout(30)
class EdgeTpuLibraryTest {
    private static final String USB = "usb:/sys/bus/usb/devices/2-1";
    private static final String PCI = "pci:/dev/apex_0";

    @Test
    void version_comesFromLibrary() {
        StandIn.configure(USB, "BuildLabel(COMPILER=test,DATE=redacted,TIME=redacted,CL_NUMBER=7), RuntimeVersion(14)");
        EdgeTpuVersion version = StandIn.open().version();
        assertEquals(14, version.runtimeVersion());
        assertEquals("7", version.clNumber());
    }

    @Test
    void devices_listedWithTypePathAndPerTypeIndex() {
        StandIn.configure(USB + ";" + PCI + ";usb:/sys/bus/usb/devices/4-2", null);
        List<EdgeTpuDevice> devices = StandIn.open().devices();
        assertEquals(
                List.of(
                        new EdgeTpuDevice("usb", "/sys/bus/usb/devices/2-1", 0),
                        new EdgeTpuDevice("pci", "/dev/apex_0", 0),
                        new EdgeTpuDevice("usb", "/sys/bus/usb/devices/4-2", 1)),
                devices);
        assertEquals("usb:1", devices.get(2).id());
    }

    @Test
    void devices_noneAttached_isEmpty() {
        StandIn.configure("", null);
        assertEquals(List.of(), StandIn.open().devices());
    }

    @Test
    void createDelegate_usb_passesEveryOptionThrough() {
        StandIn.configure(PCI + ";" + USB, null);
        try (EdgeTpuDelegate delegate = StandIn.open().createDelegate(new EdgeTpuOptions("usb:0", "high", true, 64))) {
            assertTrue(delegate.address() != 0);
            assertEquals(
                    new EdgeTpuInfo(
                            "usb",
                            "/sys/bus/usb/devices/2-1",
                            "high",
                            StandIn.open().version().raw()),
                    delegate.info());
        }
        assertEquals(
                List.of(
                        "create type=usb path=/sys/bus/usb/devices/2-1",
                        "option Performance=High",
                        "option Usb.AlwaysDfu=True",
                        "option Usb.MaxBulkInQueueLength=64",
                        "created=yes",
                        "free path=/sys/bus/usb/devices/2-1"),
                StandIn.recorded());
    }

    @Test
    void createDelegate_pci_getsNoUsbOptions_andDefaultQueueIsNotPassed() {
        StandIn.configure(USB + ";" + PCI, null);
        try (EdgeTpuDelegate delegate = StandIn.open().createDelegate(new EdgeTpuOptions("pci", "low", true, 0))) {
            assertEquals("pci", delegate.info().deviceType());
        }
        assertEquals(
                List.of(
                        "create type=pci path=/dev/apex_0",
                        "option Performance=Low",
                        "created=yes",
                        "free path=/dev/apex_0"),
                StandIn.recorded());
    }

    @Test
    void createDelegate_noDeviceNamed_takesFirstFound() {
        StandIn.configure(PCI + ";" + USB, null);
        try (EdgeTpuDelegate delegate = StandIn.open().createDelegate(EdgeTpuOptions.defaults())) {
            assertEquals("/dev/apex_0", delegate.info().devicePath());
            assertEquals("max", delegate.info().performance());
        }
        assertTrue(
                StandIn.recorded().contains("option Performance=Max"),
                StandIn.recorded().toString());
    }

    @Test
    void createDelegate_busyDevice_saysBusyAndNamesDevice() {
        StandIn.configure(USB + "!busy", null);
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class, () -> StandIn.open().createDelegate(EdgeTpuOptions.defaults()));
        assertTrue(
                e.getMessage()
                        .startsWith("Edge TPU [usb:0 (/sys/bus/usb/devices/2-1)] is attached but libedgetpu"
                                + " could not open it: it is busy"),
                e.getMessage());
        assertTrue(StandIn.recorded().contains("created=no (busy)"));
    }

    @Test
    void createDelegate_noDevices_explainsHowToAttachOne() {
        StandIn.configure("", null);
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class, () -> StandIn.open().createDelegate(EdgeTpuOptions.defaults()));
        assertTrue(e.getMessage().startsWith("No Edge TPU found (libedgetpu ["), e.getMessage());
        assertTrue(e.getMessage().contains("/dev/apex_0"), e.getMessage());
        assertFalse(StandIn.recorded().stream().anyMatch(l -> l.startsWith("create")), "must not try to open");
    }

    @Test
    void createDelegate_missingIndex_listsAttachedDevices() {
        StandIn.configure(USB, null);
        AcceleratorUnavailableException e = assertThrows(
                AcceleratorUnavailableException.class,
                () -> StandIn.open().createDelegate(new EdgeTpuOptions("pci:0", "max", false, 0)));
        assertEquals(
                "Edge TPU [pci:0] not found; attached: [usb:0 (/sys/bus/usb/devices/2-1)]. Pick one of those"
                        + " with --edgetpu-device.",
                e.getMessage());
    }

    @Test
    void createDelegate_badOptions_rejectedBeforeAnyNativeCall() {
        StandIn.configure(USB, null);
        IllegalArgumentException perf = assertThrows(
                IllegalArgumentException.class,
                () -> StandIn.open().createDelegate(new EdgeTpuOptions("usb:0", "turbo", false, 0)));
        assertEquals("edgetpu performance [turbo] must be one of max, high, medium, low", perf.getMessage());
        IllegalArgumentException queue = assertThrows(
                IllegalArgumentException.class,
                () -> StandIn.open().createDelegate(new EdgeTpuOptions("usb:0", "max", false, 256)));
        assertTrue(queue.getMessage().startsWith("edgetpu usb max bulk-in queue length [256] must be 0..255"));
        assertThrows(
                IllegalArgumentException.class,
                () -> StandIn.open().createDelegate(new EdgeTpuOptions("usb0", "max", false, 0)));
        assertFalse(StandIn.recorded().stream().anyMatch(l -> l.startsWith("create")));
    }

    @Test
    void delegate_closeIsIdempotent_andAddressAfterCloseThrows() {
        StandIn.configure(USB, null);
        EdgeTpuDelegate delegate = StandIn.open().createDelegate(EdgeTpuOptions.defaults());
        delegate.close();
        delegate.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, delegate::address);
        assertEquals("EdgeTpuDelegate is closed", e.getMessage());
        assertEquals(
                1, StandIn.recorded().stream().filter(l -> l.startsWith("free")).count());
    }

    @Test
    void probe_listsDevicesForSensorsAndAgentStatus() {
        StandIn.configure(USB + ";" + PCI, null);
        System.setProperty(EdgeTpuLibrary.PATH_PROPERTY, StandIn.library().toString());
        try {
            EdgeTpuProbe probe = EdgeTpuProbe.probe();
            assertTrue(probe.available());
            assertEquals(List.of("edgetpu:usb:0", "edgetpu:pci:0"), probe.acceleratorIds());
            assertEquals(
                    List.of(
                            "edgetpu: libedgetpu=" + StandIn.library() + " version=" + probe.libedgetpuVersion()
                                    + " devices=2",
                            "usb:0 /sys/bus/usb/devices/2-1",
                            "pci:0 /dev/apex_0"),
                    probe.describe());
        } finally {
            System.clearProperty(EdgeTpuLibrary.PATH_PROPERTY);
        }
    }

    @Test
    void verbosity_reachesLibrary() {
        StandIn.configure(USB, null);
        assertTrue(StandIn.open().verbosity(3));
        assertEquals(List.of("verbosity 3"), StandIn.recorded());
    }
}

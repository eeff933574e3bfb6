package io.edgebench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileDetectorTest {
    static final List<DeviceProfile> ALL = new ProfileLoader(null).all();

    @ParameterizedTest(name = "{0} -> {5}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "Pi 4              |Raspberry Pi 4 Model B Rev 1.4|raspberrypi,4-model-b brcm,bcm2711|-        |aarch64|rpi4",
                "Pi 4 + Coral (fw) |Raspberry Pi 4 Model B Rev 1.4|raspberrypi,4-model-b brcm,bcm2711|18d1:9302|aarch64|rpi4-coral-usb",
                "Pi 4 + Coral (new)|Raspberry Pi 4 Model B Rev 1.4|raspberrypi,4-model-b             |1a6e:089a|aarch64|rpi4-coral-usb",
                "Pi 5              |Raspberry Pi 5 Model B Rev 1.0|raspberrypi,5-model-b brcm,bcm2712|1d6b:0002|aarch64|rpi5",
                "Pi 5 + Coral      |Raspberry Pi 5 Model B Rev 1.0|raspberrypi,5-model-b brcm,bcm2712|18d1:9302|aarch64|rpi5-coral-usb",
                "CM4 by model only |Raspberry Pi Compute Module 4 Rev 1.0|-                           |-        |aarch64|rpi4",
                "Coral Dev Board   |Freescale i.MX8MQ Phanbell    |fsl,imx8mq-phanbell fsl,imx8mq     |-        |aarch64|coral-dev-board",
                "Dev Board Mini    |MediaTek MT8167 board         |mediatek,mt8167                    |-        |aarch64|coral-dev-board-mini",
                "x86 VM, no DMI    |-                             |-                                  |-        |amd64  |x86-dev",
                "unknown arm board |Pine64 RockPro64             |pine64,rockpro64                   |-        |aarch64|generic-linux",
                "arm, no DT        |-                             |-                                  |-        |aarch64|generic-linux",
            })
    void detect(String what, String model, String compatible, String usb, String arch, String expected) {
        var facts = new ProfileDetector.Facts(
                model,
                compatible == null ? List.of() : List.of(compatible.split(" ")),
                false,
                null,
                usb == null ? List.of() : List.of(usb),
                arch);
        assertEquals(expected, ProfileDetector.detect(ALL, facts).profile().name(), what);
    }

    @ParameterizedTest
    @CsvSource({"true,x86-dev", "false,generic-linux"})
    void dmi_picksX86DevEvenOnAnUnknownArch(boolean dmi, String expected) {
        var facts = new ProfileDetector.Facts(null, List.of(), dmi, "Precision 5570", List.of(), "riscv64");
        assertEquals(expected, ProfileDetector.detect(ALL, facts).profile().name());
    }
}

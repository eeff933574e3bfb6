package io.edgebench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FleetRigOptionsTest {
    @Test
    void parse_agentsNotANumber_saysWhatItMustBe() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> FleetRig.Options.parse(new String[] {"--agents", "many"}));
        assertEquals("--agents [many] must be an integer 1..50000; e.g. --agents 500", e.getMessage());
    }

    @Test
    void parse_agentsWithoutValue_saysWhatItMustBe() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FleetRig.Options.parse(new String[] {"--agents"}));
        assertEquals("--agents [null] must be an integer 1..50000; e.g. --agents 500", e.getMessage());
    }
}

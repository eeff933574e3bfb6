package io.edgebench.controller;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MQTT filter matching of the controller's watch routes (fleet status, fleet job results). */
class ControllerRoutesMatchTest {
    @Test
    void plusMatchesOneLevel_hashTheRest_exactLevelsOtherwise() {
        assertTrue(ControllerRoutes.matches("edgebench/+/status", "edgebench/pi5/status"));
        assertFalse(ControllerRoutes.matches("edgebench/+/status", "edgebench/pi5/x/status"));
        assertFalse(ControllerRoutes.matches("edgebench/+/status", "edgebench/pi5"));
        assertTrue(ControllerRoutes.matches("edgebench/+/result/j1", "edgebench/pi5/result/j1"));
        assertFalse(ControllerRoutes.matches("edgebench/+/result/j1", "edgebench/pi5/result/j2"));
        assertTrue(ControllerRoutes.matches("edgebench/#", "edgebench/pi5/result/j1"));
        assertFalse(ControllerRoutes.matches("edgebench/pi5/status", "edgebench/pi5/status/x"));
    }
}

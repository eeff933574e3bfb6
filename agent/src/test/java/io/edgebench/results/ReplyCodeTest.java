package io.edgebench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplyCodeTest {
    @Test
    void exitCodeFor_mapsEachCode_unknownAndNoneToSoftware() {
        assertEquals(64, ReplyCode.exitCodeFor("bad_request"));
        assertEquals(64, ReplyCode.exitCodeFor("too_large"));
        assertEquals(65, ReplyCode.exitCodeFor("not_found"));
        assertEquals(69, ReplyCode.exitCodeFor("busy"));
        assertEquals(69, ReplyCode.exitCodeFor("not_available"));
        assertEquals(70, ReplyCode.exitCodeFor("internal"));
        assertEquals(70, ReplyCode.exitCodeFor("a_newer_agents_code"));
        assertEquals(70, ReplyCode.exitCodeFor(null));
    }
}

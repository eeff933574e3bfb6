package io.edgebench.interference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcStatLineTest {
    private static String[] fields(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return ProcReader.statFields(b, b.length);
    }

    @Test
    void statFields_startAfterTheCommFieldsLastParenthesis_evenWhenCommHoldsSpacesAndParentheses() {
        String[] f = fields("4242 (a) b (c) d) S 4000 4242 4242 0 -1 4194560 100 0 0 0 380 65 7 3 20 0 25\n");
        assertEquals("S", f[0]);
        assertEquals("4000", f[1]); // field 4, the parent
        assertEquals("380", f[11]); // field 14, utime
        assertEquals("3", f[14]); // field 17, cstime
        assertEquals(18, f.length);
        assertEquals("25", f[17], "the trailing newline is not part of the last field");
    }
}

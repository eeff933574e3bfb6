package io.edgebench.interference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcStatLineTest {
    private static long[] parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return ProcReader.parentAndTicks(b, b.length);
    }

    @Test
    void parentAndTicks_readsFields4And14To17_pastACommWithSpacesAndParentheses() {
        String fields = " S 4000 4242 4242 0 -1 4194560 100 0 0 0 380 65 7 3 20 0 25 0 100 1000000 5000\n";
        assertArrayEquals(new long[] {4000, 380 + 65 + 7 + 3}, parse("4242 (a) b (c) d)" + fields));
        assertArrayEquals(new long[] {1, 455}, parse("4242 (java) S 1 4242 4242 0 -1 4194560 100 0 0 0 380 65 7 3\n"));
    }

    @Test
    void parentAndTicks_cutShortOrNotANumber_isRefused() {
        assertThrows(NumberFormatException.class, () -> parse("4242 (java) S 1 4242 4242 0 -1 4194560 100 0 0 0 380"));
        assertThrows(
                NumberFormatException.class, () -> parse("4242 (java) S x 4242 4242 0 -1 4194560 1 0 0 0 1 2 3 4"));
        assertThrows(NumberFormatException.class, () -> parse("no comm field at all"));
    }
}

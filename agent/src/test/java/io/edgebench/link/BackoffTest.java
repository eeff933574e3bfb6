package io.edgebench.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromOneSecond_cappedAtSixtySeconds_withEqualJitter() {
        Backoff low = new Backoff(1000, 60_000, () -> 0.0);
        Backoff high = new Backoff(1000, 60_000, () -> 0.999999);
        List<Long> lows = new ArrayList<>();
        List<Long> highs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lows.add(low.nextDelayMs());
            highs.add(high.nextDelayMs());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L), lows.subList(0, 8));
        assertEquals(List.of(999L, 1999L, 3999L, 7999L, 15999L, 31999L, 59999L, 59999L), highs.subList(0, 8));
        assertEquals(30000L, lows.get(39)); // no overflow after many attempts
    }

    @Test
    void reset_startsOverAfterASuccessfulConnect() {
        Backoff b = new Backoff(1000, 60_000, () -> 0.0);
        b.nextDelayMs();
        b.nextDelayMs();
        b.reset();
        assertEquals(500L, b.nextDelayMs());
    }
}

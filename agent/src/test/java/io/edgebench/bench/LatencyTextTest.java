package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.LatencyStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTextTest {
    @Test
    void intervals_p99Unresolved_saysRunsBeyondWhatItNeedsAndWhatItGot() {
        long[] nanos = new long[300];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = 1_000_000 + i;
        }
        List<String> lines = LatencyText.intervals(LatencyStats.ofNanos(nanos, nanos.length), 300L);
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l -> l.endsWith(
                                        "p99 not resolved: 3 runs beyond it; needs 1000 runs so that 10 lie beyond it (got 300)")),
                String.join("\n", lines));
    }
}

package io.edgebench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a short `edgebench compare` for tests that check outputs (agreement, references, saved outputs),
 * not verdicts: one thread, 3 runs, at most 1 s, and the fewest worker processes per lane compare allows (2).
 */
final class QuickCompare {
    private QuickCompare() {}

    /** "compare MODELS --delegates DELEGATES" with the short settings, then {@code extra}. */
    static String[] args(String delegates, List<Path> models, String... extra) {
        List<String> a = new ArrayList<>(List.of("compare"));
        models.forEach(m -> a.add(m.toString()));
        a.addAll(List.of(
                "--delegates",
                delegates,
                "--threads",
                "1",
                "--runs",
                "3",
                "--min-seconds",
                "0",
                "--max-seconds",
                "1",
                "--forks",
                "2"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }
}

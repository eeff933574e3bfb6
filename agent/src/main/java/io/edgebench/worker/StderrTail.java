package io.edgebench.worker;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} lines of a worker's stderr (and stray stdout), for error reports; thread-safe. */
public final class StderrTail {
    private static final int MAX_LINE_CHARS = 500;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final int capacity;

    public StderrTail(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The last {@code n} non-blank lines joined with " | ", for one-line error messages. */
    public synchronized String summary(int n) {
        List<String> nonBlank = lines.stream().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", nonBlank.subList(Math.max(0, nonBlank.size() - n), nonBlank.size()));
    }
}

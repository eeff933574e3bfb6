package io.edgebench.telemetry;

import java.util.ArrayList;
import java.util.List;

/** What discovery found on a machine: the collectors that read, and the sources that are absent (with why). */
public record SensorSet(List<Collector> collectors, List<Absent> absent) implements AutoCloseable {
    public SensorSet {
        collectors = List.copyOf(collectors);
        absent = List.copyOf(absent);
    }

    public List<String> sourceNames() {
        return collectors.stream().map(Collector::source).distinct().toList();
    }

    @Override
    public void close() {
        collectors.forEach(Collector::close);
    }

    /** Accumulates discovery results; collector probes add to it. */
    public static final class Builder {
        private final List<Collector> collectors = new ArrayList<>();
        private final List<Absent> absent = new ArrayList<>();

        public Builder add(Collector c) {
            collectors.add(c);
            return this;
        }

        public Builder absent(String source, String reason) {
            absent.add(new Absent(source, reason));
            return this;
        }

        public SensorSet build() {
            return new SensorSet(collectors, absent);
        }
    }
}

package io.edgebench.telemetry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The skeleton the sysfs collectors share (thermal, hwmon, cpufreq, apex, rapl): a {@link Probe} lists a directory,
 * opens one {@link SysfsFile} per channel and records why a source or an entry gives no data; the collector reads
 * each file from the sampler thread, converts kernel units once (a divisor given at probe time) and closes the
 * files together. A subclass keeps only what differs: where to look, units, rate, and a read that is more than a
 * division (a wrapping counter, an inferred clock).
 */
public abstract class SysfsCollector implements Collector {
    private final String source;
    private final List<Channel> channels;
    private final List<SysfsFile> files;
    private final double[] divisors;

    protected SysfsCollector(Probe probe) {
        this.source = probe.source;
        this.channels = List.copyOf(probe.channels);
        this.files = List.copyOf(probe.files);
        this.divisors = probe.divisors.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final List<Channel> channels() {
        return channels;
    }

    /** The open files, in the order they were added (one per channel unless a subclass derives channels). */
    protected final List<SysfsFile> files() {
        return files;
    }

    /** Each channel's file divided into our unit; subclasses with derived channels or counters override this. */
    @Override
    public void read(double[] values) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            values[i] = files.get(i).readLong() / divisors[i];
        }
    }

    @Override
    public void close() {
        files.forEach(SysfsFile::close);
    }

    /**
     * One source's discovery: the entries found, the files opened, and every reason for missing data recorded as an
     * {@link Absent} in the sensor set (errors are returned there, never swallowed: a listing the user may not read
     * is "cannot list", not "no such sensor"; an entry that fails is named with its error and the others go on).
     */
    public static final class Probe {
        private final String source;
        private final SensorSet.Builder out;
        private final List<Channel> channels = new ArrayList<>();
        private final List<SysfsFile> files = new ArrayList<>();
        private final List<Double> divisors = new ArrayList<>();
        /** The directory could not be listed: that is the reason, not "none found". */
        private boolean unlisted;

        public Probe(String source, SensorSet.Builder out) {
            this.source = source;
            this.out = out;
        }

        /**
         * The entries of {@code dir} whose names match {@code regex}, in natural order. None: the reason is recorded
         * (the listing error, or {@code noneReason} when the directory has no such entry) and the list is empty.
         */
        public List<Path> entries(Path dir, String regex, String noneReason) {
            List<Path> found;
            try {
                found = SysfsListing.list(dir, regex);
            } catch (IOException e) {
                absent(SysfsListing.cannotList(dir, e));
                unlisted = true;
                return List.of();
            }
            if (found.isEmpty() && noneReason != null) {
                absent(noneReason);
            }
            return found;
        }

        /**
         * Opens {@code file} and reads it once (a sensor that is down, e.g. -ENODATA, is left out now rather than at
         * every sample), then adds its channel, read as the file's number divided by {@code divisor}.
         */
        public void add(Path file, Channel channel, double divisor) throws IOException {
            SysfsFile f = SysfsFile.open(file);
            try {
                f.readLong();
            } catch (IOException e) {
                f.close();
                throw e;
            }
            channels.add(channel);
            files.add(f);
            divisors.add(divisor);
        }

        /** A channel computed from the previous file's value by the collector's own read (no file of its own). */
        public void derived(Channel channel) {
            channels.add(channel);
        }

        /** Why an entry (or the whole source) gives no data; the other entries go on. */
        public void absent(String reason) {
            out.absent(source, reason);
        }

        /** Whether any channel was found. */
        public boolean found() {
            return !channels.isEmpty();
        }

        /**
         * Adds the collector when a channel was found; otherwise records {@code noneReason}, when given and the
         * directory could be listed.
         */
        public void finish(java.util.function.Function<Probe, Collector> collector, String noneReason) {
            if (found()) {
                out.add(collector.apply(this));
            } else if (noneReason != null && !unlisted) {
                absent(noneReason);
            }
        }
    }
}

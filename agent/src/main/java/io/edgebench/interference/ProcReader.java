package io.edgebench.interference;

import io.edgebench.results.CpuSnapshot;
import io.edgebench.results.Interference;

import io.edgebench.cpu.CpuList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Reads the kernel's CPU accounting from injectable roots ({@code /proc}, {@code /sys}), so unit tests use fixture
 * trees. Kernel units: /proc/stat and /proc/PID/stat count clock ticks of USER_HZ, which is 100 on every Linux
 * architecture we run on (the ABI fixes it; sysconf(_SC_CLK_TCK) reports it); scaling_cur_freq is kHz.
 */
public final class ProcReader {
    public static final int USER_HZ = Interference.USER_HZ;

    private final Path procRoot;
    private final Path sysRoot;
    private final LongSupplier clock;

    public ProcReader(Path procRoot, Path sysRoot) {
        this(procRoot, sysRoot, System::nanoTime);
    }

    /** For fixture tests: the snapshot's time comes from {@code clock} (nanoseconds). */
    public ProcReader(Path procRoot, Path sysRoot, LongSupplier clock) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
        this.clock = clock;
    }

    public static ProcReader host() {
        return new ProcReader(Path.of("/proc"), Path.of("/sys"));
    }

    /** A snapshot for process {@code pid}; a missing or unreadable file is an IOException. */
    public CpuSnapshot snapshot(long pid) throws IOException {
        long now = clock.getAsLong();
        long[] cpu = aggregateCpu();
        long self = processTicks(pid);
        Map<Integer, Long> freq = new TreeMap<>();
        for (int c : allowedCpus(pid)) {
            Path f = sysRoot.resolve("devices/system/cpu/cpu" + c + "/cpufreq/scaling_cur_freq");
            if (Files.isReadable(f)) {
                freq.put(c, Long.parseLong(Files.readString(f).trim()));
            }
        }
        return new CpuSnapshot(now, cpu[0], cpu[1], self, freq);
    }

    /** {busy, steal} ticks from the first ("cpu ") line of /proc/stat. */
    long[] aggregateCpu() throws IOException {
        for (String line : Files.readAllLines(procRoot.resolve("stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long busy = field(f, 1) + field(f, 2) + field(f, 3) + field(f, 6) + field(f, 7);
                return new long[] {busy, field(f, 8)};
            }
        }
        throw new IOException(procRoot.resolve("stat") + " has no aggregate \"cpu \" line");
    }

    private static long field(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0; // old kernels lack steal
    }

    /** utime + stime (fields 14 and 15) of /proc/PID/stat; the comm field may hold spaces, so split after ')'. */
    long processTicks(long pid) throws IOException {
        String s = Files.readString(procRoot.resolve(pid + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): field N is f[N - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * The union of Cpus_allowed_list over every thread (/proc/PID/task/TID/status): wider than the process's own
     * list when any thread escaped pinning. A thread that ends while being read is skipped.
     */
    public List<Integer> allowedCpusOfAllThreads(long pid) throws IOException {
        java.util.TreeSet<Integer> union = new java.util.TreeSet<>(allowedCpus(pid));
        try (var tasks = Files.newDirectoryStream(procRoot.resolve(pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    union.addAll(allowedCpus(pid + "/task/" + t.getFileName()));
                } catch (java.nio.file.NoSuchFileException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return new ArrayList<>(union);
    }

    /** Cpus_allowed_list of /proc/PID/status, e.g. "0-3" or "0,2"; every CPU when absent. */
    public List<Integer> allowedCpus(long pid) throws IOException {
        return allowedCpus(Long.toString(pid));
    }

    private List<Integer> allowedCpus(String procDir) throws IOException {
        Path status = procRoot.resolve(procDir + "/status");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return CpuList.parse(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new ArrayList<>();
    }
}

package io.edgebench.interference;

import io.edgebench.cpu.CpuList;
import io.edgebench.results.CpuSnapshot;
import io.edgebench.results.Interference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Reads the kernel's CPU accounting from injectable roots ({@code /proc}, {@code /sys}), so unit tests use fixture
 * trees. Kernel units: /proc/stat and /proc/PID/stat count clock ticks of USER_HZ, which is 100 on every Linux
 * architecture we run on (the ABI fixes it; sysconf(_SC_CLK_TCK) reports it); scaling_cur_freq is kHz.
 */
public final class ProcReader {
    public static final int USER_HZ = Interference.USER_HZ;

    /** Room for one /proc/PID/stat line: 52 numeric fields and a comm of at most 15 bytes, under 1 KB. */
    private static final int STAT_BYTES = 4096;

    private static final Pattern SPACES = Pattern.compile("\\s+");

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
        Tree tree = tree();
        long self = tree.subtreeTicks(pid, -1);
        byte[] buffer = new byte[STAT_BYTES];
        long parent = Long.parseLong(statFields(buffer, readSmall(procRoot.resolve(pid + "/stat"), buffer))[1]);
        // no edgebench parent when the measured process was started by init (or in a fixture)
        long edgebench = parent <= 1 ? 0 : tree.subtreeTicks(parent, pid);
        Map<Integer, Long> freq = new TreeMap<>();
        for (int c : allowedCpus(pid)) {
            Path f = sysRoot.resolve("devices/system/cpu/cpu" + c + "/cpufreq/scaling_cur_freq");
            if (Files.isReadable(f)) {
                freq.put(c, Long.parseLong(Files.readString(f).trim()));
            }
        }
        return new CpuSnapshot(now, cpu[0], cpu[1], self, edgebench, freq, Map.of(), null);
    }

    /** The frequency watcher for the CPUs {@code pid} may use now; open it once, arm it per timed window. */
    public FreqWatch watch(long pid) throws IOException {
        return FreqWatch.open(sysRoot, allowedCpus(pid));
    }

    /** {busy, steal} ticks from the first ("cpu ") line of /proc/stat. */
    long[] aggregateCpu() throws IOException {
        for (String line : Files.readAllLines(procRoot.resolve("stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = SPACES.split(line.trim());
                long busy = field(f, 1) + field(f, 2) + field(f, 3) + field(f, 6) + field(f, 7);
                return new long[] {busy, field(f, 8)};
            }
        }
        throw new IOException(procRoot.resolve("stat") + " has no aggregate \"cpu \" line");
    }

    private static long field(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0; // old kernels lack steal
    }

    /**
     * The fields of a /proc/PID/stat line after the comm field (which may hold spaces and parentheses, so the fields
     * start after its last ')'): f[0] is field 3 (state), so field N is f[N - 3]. The kernel separates them by one
     * space, and split(" ") takes String's fast path; split("\\s+") compiled a regex per line, and a worker runs too
     * few rounds for the JIT to compile the walk: readings at both edges of every round took 3-30 ms on a 2-core VM.
     */
    static String[] statFields(byte[] stat, int length) {
        String s = new String(stat, 0, length, StandardCharsets.US_ASCII).trim();
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * Every process's parent and CPU ticks at one moment. A process's ticks are utime + stime + cutime + cstime
     * (fields 14-17: its own time and that of the children it has reaped), so when a process ends and its parent
     * reaps it, its ticks move into the parent's cutime and a sum over a tree does not jump: a child seen at a
     * window's start adds only what it used after that start (its per-process delta), and one that came and went
     * inside the window adds its whole life, which lay inside the window.
     */
    private record Tree(Map<Long, List<Long>> children, Map<Long, Long> ticks) {
        /** The ticks of {@code root} and all its live descendants, leaving out the subtree of {@code skip}. */
        long subtreeTicks(long root, long skip) {
            long sum = 0;
            java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                long p = todo.pop();
                if (p != skip) {
                    sum += ticks.getOrDefault(p, 0L);
                    todo.addAll(children.getOrDefault(p, List.of()));
                }
            }
            return sum;
        }
    }

    /**
     * One walk of /proc. A process that ends while /proc is walked is skipped; its time then lands in its parent's
     * cutime at the next snapshot, still in the same tree.
     */
    private Tree tree() throws IOException {
        Map<Long, List<Long>> children = new java.util.HashMap<>();
        Map<Long, Long> ticks = new java.util.HashMap<>();
        String[] names = procRoot.toFile().list();
        if (names == null) {
            throw new IOException("cannot list " + procRoot);
        }
        byte[] buffer = new byte[STAT_BYTES];
        for (String name : names) {
            if (!isPid(name)) {
                continue;
            }
            try {
                String[] f = statFields(buffer, readSmall(procRoot.resolve(name).resolve("stat"), buffer));
                long p = Long.parseLong(name);
                children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>())
                        .add(p);
                ticks.put(
                        p,
                        Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
            } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
                // ended meanwhile, or a kernel thread with an unusual stat line: not ours either way
            }
        }
        return new Tree(children, ticks);
    }

    /**
     * Reads a /proc file into {@code buffer} with a plain stream, which cost a third of NIO's Files.readAllBytes per
     * file before the JIT compiled either; returns how many bytes it read (at most the buffer's length).
     */
    private static int readSmall(Path file, byte[] buffer) throws IOException {
        try (java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
            int n = 0;
            for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) {
                n += r;
            }
            return n;
        }
    }

    private static boolean isPid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return !name.isEmpty();
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

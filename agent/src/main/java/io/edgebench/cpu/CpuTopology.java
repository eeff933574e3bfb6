package io.edgebench.cpu;

import io.edgebench.results.CoreInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which cores are big and which LITTLE, from what the kernel exposes: sysfs {@code cpu_capacity} (arm64 device
 * trees with capacity-dmips-mhz) first, else the MIDR part number (sysfs {@code regs/identification/midr_el1}, or
 * "CPU part" in /proc/cpuinfo) against a table of ARM's cores. Roots are injectable for fixture trees.
 */
public final class CpuTopology {
    /** ARM Ltd. (implementer 0x41) part numbers: efficiency cores. */
    private static final Map<Integer, String> LITTLE = Map.of(
            0xd03, "Cortex-A53", 0xd04, "Cortex-A35", 0xd05, "Cortex-A55", 0xd46, "Cortex-A510", 0xd80, "Cortex-A520");
    /** Performance cores. */
    private static final Map<Integer, String> BIG = Map.ofEntries(
            Map.entry(0xd07, "Cortex-A57"),
            Map.entry(0xd08, "Cortex-A72"),
            Map.entry(0xd09, "Cortex-A73"),
            Map.entry(0xd0a, "Cortex-A75"),
            Map.entry(0xd0b, "Cortex-A76"),
            Map.entry(0xd0d, "Cortex-A77"),
            Map.entry(0xd41, "Cortex-A78"),
            Map.entry(0xd44, "Cortex-X1"),
            Map.entry(0xd47, "Cortex-A710"),
            Map.entry(0xd48, "Cortex-X2"),
            Map.entry(0xd4d, "Cortex-A715"),
            Map.entry(0xd4e, "Cortex-X3"),
            Map.entry(0xd81, "Cortex-A720"));

    private final Path procRoot;
    private final Path sysRoot;

    public CpuTopology(Path procRoot, Path sysRoot) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
    }

    public static CpuTopology host() {
        return new CpuTopology(Path.of("/proc"), Path.of("/sys"));
    }

    /** The cores in {@code cpus}, classified against every core the machine lists. */
    public List<CoreInfo> describe(List<Integer> cpus) throws IOException {
        Map<Integer, Integer> parts = partsFromCpuinfo();
        Map<Integer, Integer> capacity = new HashMap<>();
        Map<Integer, Integer> part = new HashMap<>();
        for (int c : present()) {
            Path dir = sysRoot.resolve("devices/system/cpu/cpu" + c);
            Integer cap = readInt(dir.resolve("cpu_capacity"), 10);
            if (cap != null) {
                capacity.put(c, cap);
            }
            Integer midr = readInt(dir.resolve("regs/identification/midr_el1"), 16);
            Integer p = midr != null
                    ? Integer.valueOf((midr >> 4) & 0xfff)
                    : parts.get(c); // MIDR_EL1 bits 15:4: part number
            if (p != null) {
                part.put(c, p);
            }
        }
        boolean byCapacity = capacity.values().stream().distinct().count() > 1;
        boolean byPart = part.values().stream().distinct().count() > 1;
        int maxCap =
                capacity.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<CoreInfo> out = new ArrayList<>();
        for (int c : cpus) {
            Integer p = part.get(c);
            String cls = null;
            if (byCapacity && capacity.containsKey(c)) {
                cls = capacity.get(c) == maxCap ? "big" : "LITTLE";
            } else if (byPart && p != null) {
                cls = LITTLE.containsKey(p) ? "LITTLE" : BIG.containsKey(p) ? "big" : null;
            }
            out.add(new CoreInfo(c, capacity.get(c), p == null ? null : name(p), cls));
        }
        return out;
    }

    private static String name(int part) {
        String n = LITTLE.getOrDefault(part, BIG.get(part));
        return n != null ? n : String.format("0x%03x", part);
    }

    /** CPUs with a sysfs directory (cpu0, cpu1, ...). */
    private List<Integer> present() throws IOException {
        Path online = sysRoot.resolve("devices/system/cpu/possible");
        if (Files.isReadable(online)) {
            return CpuList.parse(Files.readString(online).trim());
        }
        return List.of();
    }

    /** "processor : N" ... "CPU part : 0xd08" blocks of /proc/cpuinfo (arm64); empty on x86. */
    private Map<Integer, Integer> partsFromCpuinfo() throws IOException {
        Map<Integer, Integer> out = new HashMap<>();
        Path info = procRoot.resolve("cpuinfo");
        if (!Files.isReadable(info)) {
            return out;
        }
        Integer cpu = null;
        for (String line : Files.readAllLines(info)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("processor")) {
                cpu = Integer.parseInt(value);
            } else if (key.equals("CPU part") && cpu != null) {
                out.put(cpu, Integer.decode(value));
            }
        }
        return out;
    }

    private static Integer readInt(Path f, int radix) throws IOException {
        if (!Files.isReadable(f)) {
            return null;
        }
        String s = Files.readString(f).trim();
        if (radix == 16 && s.startsWith("0x")) {
            s = s.substring(2);
        }
        return (int) Long.parseLong(s, radix);
    }
}

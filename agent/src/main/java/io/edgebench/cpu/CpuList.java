package io.edgebench.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The kernel's CPU list format ("0-2,4"), as in Cpus_allowed_list and taskset -c. */
public final class CpuList {
    public static final int MAX_CPU = io.edgebench.results.MeasureOptions.MAX_CPU;

    private CpuList() {}

    /** Parses "0-2,4" to [0, 1, 2, 4]; the error names the bad item and the form. */
    public static List<Integer> parse(String spec) {
        TreeSet<Integer> cpus = new TreeSet<>();
        if (spec == null || spec.isBlank()) {
            return new ArrayList<>();
        }
        for (String item : spec.split(",")) {
            String s = item.trim();
            try {
                int dash = s.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? s : s.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(s.substring(dash + 1));
                if (from < 0 || to > MAX_CPU || from > to) {
                    throw new NumberFormatException();
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "cpu list item [" + s + "] must be N or N-M with 0 <= N <= M <= " + MAX_CPU + ", e.g. 0-1,3");
            }
        }
        return new ArrayList<>(cpus);
    }

    /** [0, 1, 2, 4] to "0-2,4". */
    public static String format(List<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        for (int i = 0; i < sorted.size(); i++) {
            int start = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            b.append(b.length() == 0 ? "" : ",")
                    .append(start == sorted.get(i) ? "" + start : start + "-" + sorted.get(i));
        }
        return b.toString();
    }
}

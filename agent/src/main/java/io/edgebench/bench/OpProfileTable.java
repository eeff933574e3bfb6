package io.edgebench.bench;

import io.edgebench.results.OpProfile;
import io.edgebench.results.OpProfile.OpTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal rendering of an {@link OpProfile}: per op type, then the slowest operators. */
public final class OpProfileTable {
    /** Operators listed in the table (all of them are in the JSON). */
    static final int TOP_OPS = 15;

    private OpProfileTable() {}

    public static List<String> lines(OpProfile p) {
        List<String> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        out.add(String.format(
                Locale.ROOT,
                "per-op profile (%s, %d profiled runs, not the timed loop): ops %.1f us of"
                        + " %.1f us per inference (%.1f%%)",
                p.source(),
                p.runs(),
                p.opsTotalUs(),
                p.passMeanUs(),
                p.passMeanUs() > 0 ? 100 * p.opsTotalUs() / p.passMeanUs() : 0));
        out.add(String.format(Locale.ROOT, "  %-40s %7s %11s %7s", "op type", "count", "time us", "share"));
        for (OpTime t : p.opTypes()) {
            out.add(row(t.name(), t));
        }
        out.add(String.format(
                Locale.ROOT,
                "  %-40s %7s %11s %7s",
                "operator (slowest " + Math.min(TOP_OPS, p.ops().size()) + " of "
                        + p.ops().size() + ")",
                "calls",
                "time us",
                "share"));
        p.ops().stream().limit(TOP_OPS).forEach(t -> out.add(row(t.name(), t)));
        p.notes().forEach(n -> out.add("  note: " + n));
        return out;
    }

    private static String row(String name, OpTime t) {
        String shown = name.length() > 40 ? "..." + name.substring(name.length() - 37) : name;
        return String.format(
                Locale.ROOT,
                "  %-40s %7d %11.1f %6.1f%%%s",
                shown,
                t.count(),
                t.meanUs(),
                t.share() * 100,
                t.derived() ? " (derived)" : "");
    }
}

package io.edgebench.compare;

import io.edgebench.results.BenchResult;
import io.edgebench.results.CompareReport;
import io.edgebench.results.OpProfile;
import io.edgebench.results.OpProfile.OpTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** --profile-ops in compare: per op type, one column per lane (time per inference and share), side by side. */
final class ProfileColumns {
    private ProfileColumns() {}

    static List<String> lines(CompareReport report) {
        List<String> out = new ArrayList<>();
        List<BenchResult> rs = report.results();
        if (rs.stream().noneMatch(r -> r.opProfile() != null)) {
            return out;
        }
        Set<String> types = new LinkedHashSet<>();
        rs.stream()
                .filter(r -> r.opProfile() != null)
                .forEach(r -> r.opProfile().opTypes().forEach(t -> types.add(t.name())));
        out.add("");
        out.add("Per-op profile (separate profiled pass; us per inference, share of op time, ops of that type)");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-34s", "op type"));
        for (int i = 0; i < rs.size(); i++) {
            head.append(String.format(Locale.ROOT, " %24s", "[" + (i + 1) + "]"));
        }
        out.add(head.toString());
        for (String type : types) {
            StringBuilder row = new StringBuilder(
                    String.format(Locale.ROOT, "%-34s", type.length() > 34 ? type.substring(0, 31) + "..." : type));
            for (BenchResult r : rs) {
                row.append(String.format(Locale.ROOT, " %24s", cell(r.opProfile(), type)));
            }
            out.add(row.toString());
        }
        StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "%-34s", "ops total / profiled pass"));
        for (BenchResult r : rs) {
            OpProfile p = r.opProfile();
            total.append(String.format(
                    Locale.ROOT,
                    " %24s",
                    p == null ? "-" : String.format(Locale.ROOT, "%.0f / %.0f us", p.opsTotalUs(), p.passMeanUs())));
        }
        out.add(total.toString());
        return out;
    }

    private static String cell(OpProfile p, String type) {
        if (p == null) {
            return "-";
        }
        for (OpTime t : p.opTypes()) {
            if (t.name().equals(type)) {
                return String.format(
                        Locale.ROOT,
                        "%.1f %4.1f%% x%d%s",
                        t.meanUs(),
                        t.share() * 100,
                        t.count(),
                        t.derived() ? "*" : "");
            }
        }
        return "-";
    }
}

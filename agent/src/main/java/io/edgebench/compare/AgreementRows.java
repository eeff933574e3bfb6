package io.edgebench.compare;

import io.edgebench.results.CompareReport;
import io.edgebench.results.OutputAgreement;
import io.edgebench.results.PairAgreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The agreement rows of the compare table: a pair's verdict, one row per matched output, and the notes below. */
final class AgreementRows {
    private AgreementRows() {}

    static String num(String format, Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, format, v);
    }

    static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    /** "ok (worst: regressors)", "FLAGGED: ..." or "NOT COMPARABLE (see below)". */
    static String verdict(PairAgreement p) {
        if (p.notComparable() != null) {
            return "NOT COMPARABLE (see below)";
        }
        String worst = p.worstOutput() == null || p.outputs().size() < 2 ? "" : "worst output: " + p.worstOutput();
        if (p.flagged()) {
            return "FLAGGED: " + String.join("; ", p.reasons());
        }
        return worst.isEmpty() ? "ok" : "ok (" + worst + ")";
    }

    /** One indented row per matched output when a pair has several outputs or any was matched other than by name. */
    static List<String[]> perOutput(PairAgreement p) {
        List<String[]> rows = new ArrayList<>();
        boolean plain = p.outputs().size() == 1
                && "name".equals(p.outputs().get(0).matchedBy())
                && p.outputs().get(0).transposed() == null;
        if (plain) {
            return rows;
        }
        for (OutputAgreement o : p.outputs()) {
            String label = "  " + (o.x().equals(o.y()) ? o.x() : o.x() + " = " + o.y());
            String how = "by " + o.matchedBy() + (o.transposed() == null ? "" : "; " + o.transposed())
                    + (o.toleranceBasis() == null ? "" : "; " + o.toleranceBasis());
            rows.add(new String[] {
                label,
                String.format(Locale.ROOT, "%.3g", o.maxAbsError()),
                String.format(Locale.ROOT, "%.3g", o.meanAbsError()),
                String.format(Locale.ROOT, "%.6f", o.cosineMin()),
                pct(o.top1()) + (o.top5() == null ? "" : " (top-5 " + pct(o.top5()) + ")"),
                (o.flagged() ? "FLAGGED" : "ok") + ", " + how
            });
        }
        return rows;
    }

    /** Why a pair is not comparable, in full, after the grid. */
    static List<String> notes(CompareReport report, Function<PairAgreement, String> label) {
        List<String> out = new ArrayList<>();
        for (PairAgreement p : report.agreement()) {
            if (p.notComparable() != null) {
                out.add(label.apply(p) + " not comparable: " + p.notComparable());
            }
        }
        return out;
    }
}

package io.edgebench.compare;

import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.compare.align.OutputMatch;
import io.edgebench.compare.align.PairComparison;
import io.edgebench.results.PairAgreement;
import io.edgebench.results.ReferenceCheck;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.Wilson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every lane against the reference outputs, with lane-to-lane agreement's alignment and tolerance rules. */
final class ReferenceChecks {
    static final String LABEL = "reference";

    private ReferenceChecks() {}

    /** One check per lane that produced outputs (lanes without outputs are already in output_errors). */
    static List<ReferenceCheck> of(
            LaneOutputs reference,
            List<String> labels,
            List<LaneOutputs> lanes,
            List<OutputMatch> matches,
            double tolerance,
            double minTop1) {
        List<ReferenceCheck> out = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i) != null) {
                out.add(check(
                        labels.get(i),
                        PairComparison.of(labels.get(i), lanes.get(i), LABEL, reference, matches, tolerance, minTop1)));
            }
        }
        return out;
    }

    static ReferenceCheck check(String lane, PairAgreement a) {
        if (a.notComparable() != null) {
            return new ReferenceCheck(
                    lane, a, null, false, lane + " cannot be compared with the reference: " + a.notComparable());
        }
        ConfidenceInterval ci = a.top1Agreement() == null
                ? null
                : Wilson.interval95(Math.round(a.top1Agreement() * a.inputs()), a.inputs());
        if (!a.flagged()) {
            return new ReferenceCheck(
                    lane,
                    a,
                    ci,
                    true,
                    String.format(
                            Locale.ROOT,
                            "%s reproduces the reference (max abs %.2g, mean abs %.2g, min cosine %.6f%s)",
                            lane,
                            a.maxAbsError(),
                            a.meanAbsError(),
                            a.cosineMin(),
                            ci == null
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            ", top-1 agrees on %.1f %% of %d inputs",
                                            a.top1Agreement() * 100,
                                            a.inputs())));
        }
        String top1 = ci == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "top-1 agrees on %.1f %% (95 %% CI %.1f-%.1f) of %d inputs; ",
                        a.top1Agreement() * 100,
                        ci.low() * 100,
                        ci.high() * 100,
                        a.inputs());
        return new ReferenceCheck(lane, a, ci, false, lane + " drifts: " + top1 + String.join("; ", a.reasons()));
    }
}

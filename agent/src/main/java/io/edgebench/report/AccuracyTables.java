package io.edgebench.report;

import static io.edgebench.report.HtmlReport.esc;

import java.util.List;

/**
 * A compare's accuracy on a labelled set, in its output-agreement card: both say whether the lanes' answers can be
 * trusted, one against each other and one against the labels. A lane per row (top-1, top-5 with their intervals),
 * then each pair's paired difference as the compare worded it, a line each so it reads in full on a phone.
 */
final class AccuracyTables {
    private AccuracyTables() {}

    static void render(StringBuilder h, ReportAccuracy a) {
        h.append("<div class=\"accuracy\"><h4>Accuracy on a labelled set (")
                .append(esc(a.setName()))
                .append(a.dataset() == null ? "" : ", " + esc(a.dataset()))
                .append(")</h4>");
        lanes(h, a.lanes());
        if (!a.pairs().isEmpty()) {
            h.append("<ul class=\"accuracy-pairs\">");
            for (ReportAccuracy.Pair p : a.pairs()) {
                h.append("<li")
                        .append(p.shown() ? " class=\"shown\"" : "")
                        .append('>')
                        .append(esc(p.text()))
                        .append("</li>");
            }
            h.append("</ul>");
        }
        h.append("</div>");
    }

    private static void lanes(StringBuilder h, List<ReportAccuracy.LaneScore> lanes) {
        // the energy column only where the board's power was measured (its lanes' runs or interleaved rounds)
        boolean energy = lanes.stream().anyMatch(l -> l.energyPerCorrectMj() != null);
        h.append("<div class=\"scroll\"><table class=\"accuracy-lanes\"><thead><tr><th>lane</th><th>top-1</th>")
                .append("<th>top-5</th>")
                .append(energy ? "<th>gross energy / correct inference</th>" : "")
                .append("</tr></thead><tbody>");
        for (ReportAccuracy.LaneScore l : lanes) {
            h.append(l.scored() ? "<tr>" : "<tr class=\"bad\">");
            td(h, l.label());
            if (l.scored()) {
                td(h, l.top1().text());
                // with 5 classes or fewer the compare does not score top-5: every label would be in it
                td(h, l.top5() == null ? "not scored" : l.top5().text());
                if (energy) {
                    td(h, Verdict.mj(l.energyPerCorrectMj(), null));
                }
            } else {
                h.append("<td colspan=\"")
                        .append(energy ? 3 : 2)
                        .append("\">")
                        .append(esc(l.text()))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></div>");
    }

    private static void td(StringBuilder h, String s) {
        h.append("<td>").append(esc(s)).append("</td>");
    }
}

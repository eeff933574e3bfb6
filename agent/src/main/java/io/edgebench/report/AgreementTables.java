package io.edgebench.report;

import static io.edgebench.report.HtmlReport.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.resultstore.ResultFields;
import java.util.List;
import java.util.Locale;

/**
 * Each compare's output-agreement table: one row per lane pair, its verdict on the row beneath (ok, FLAGGED with its reasons, or
 * NOT COMPARABLE with why), so a pair whose outputs disagree is as visible as the fastest lane; a compare run on a
 * labelled set adds its accuracy beneath ({@link AccuracyTables}).
 */
final class AgreementTables {
    private AgreementTables() {}

    static void render(StringBuilder h, List<ReportJob> jobs) {
        List<ReportJob> compares =
                jobs.stream().filter(j -> "compare".equals(j.verb())).toList();
        if (compares.isEmpty()) {
            return;
        }
        h.append("<section><h2>Output agreement</h2><div class=\"devices\">\n");
        for (ReportJob j : compares) {
            h.append("<div class=\"device agreement\"><h3>")
                    .append(esc(j.device() + " · compare " + j.jobId()))
                    .append("</h3>");
            if (j.agreement().isEmpty()) {
                h.append(
                        "<p class=\"absent\">This compare carries no agreement pairs (outputs were not compared).</p>");
            } else {
                table(h, j.agreement());
            }
            if (j.accuracy() != null) {
                AccuracyTables.render(h, j.accuracy());
            }
            h.append("</div>\n");
        }
        h.append("</div></section>\n");
    }

    private static void table(StringBuilder h, List<JsonNode> pairs) {
        h.append("<div class=\"scroll\"><table><thead><tr><th>pair</th><th>inputs</th><th>max abs error</th>")
                .append("<th>cosine min</th><th>top-1 agreement</th></tr></thead><tbody>");
        for (JsonNode p : pairs) {
            String verdict = verdict(p);
            h.append("<tr class=\"")
                    .append(verdict.startsWith("ok") ? "ok" : "bad")
                    .append("\">");
            td(h, ResultFields.text(p, "a") + " vs " + ResultFields.text(p, "b"));
            Integer inputs = ResultFields.integer(p, "inputs");
            td(h, inputs == null ? "-" : inputs.toString());
            td(h, num("%.3g", ResultFields.number(p, "max_abs_error")));
            td(h, num("%.6f", ResultFields.number(p, "cosine_min")));
            Double top1 = ResultFields.number(p, "top1_agreement");
            td(h, top1 == null ? "-" : String.format(Locale.ROOT, "%.1f %%", top1 * 100));
            // the verdict on a row of its own: readable in full on a phone, where the numbers scroll
            h.append("</tr><tr class=\"")
                    .append(verdict.startsWith("ok") ? "ok" : "bad")
                    .append("\">")
                    .append("<td colspan=\"5\" class=\"verdict\">verdict: ")
                    .append(esc(verdict))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div>");
    }

    /** "NOT COMPARABLE: why", "FLAGGED: reasons" or "ok", as the compare command's own table says it. */
    static String verdict(JsonNode p) {
        String why = ResultFields.text(p, "not_comparable");
        if (why != null) {
            return "NOT COMPARABLE: " + why;
        }
        if (Boolean.TRUE.equals(ResultFields.bool(p, "flagged"))) {
            List<String> reasons = ResultFields.texts(p, "reasons");
            return "FLAGGED: " + (reasons.isEmpty() ? "no reason given" : String.join("; ", reasons));
        }
        return "ok";
    }

    private static String num(String format, Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static void td(StringBuilder h, String s) {
        h.append("<td>").append(esc(s)).append("</td>");
    }
}

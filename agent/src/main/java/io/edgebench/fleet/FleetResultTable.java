package io.edgebench.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.controller.Controller.Reply;
import io.edgebench.resultstore.ResultFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One table across devices for a fleet job: a row per device and lane, and a row for every device that did not
 * deliver (rejected, no result by the deadline, no reply). */
public final class FleetResultTable {
    private FleetResultTable() {}

    public static String render(FleetJob job) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"device", "status", "lane", "p50", "p99", "throughput", "energy/inf", "valid"});
        for (Reply r : job.replies()) {
            if (!r.ok()) {
                rows.add(new String[] {r.deviceId(), "rejected (" + r.code() + "): " + r.error(), "", "", "", "", "", ""
                });
            }
        }
        job.results().forEach((device, message) -> {
            String status = ResultFields.text(message, "status");
            List<JsonNode> lanes = ResultFields.lanes(message.get("result"));
            if (lanes.isEmpty()) {
                String error = ResultFields.text(message, "error");
                rows.add(new String[] {device, status + (error == null ? "" : ": " + error), "", "", "", "", "", ""});
            }
            for (JsonNode l : lanes) {
                Boolean valid = ResultFields.bool(l, "valid");
                Double ips = ResultFields.number(l, "throughput_ips");
                Double mj = ResultFields.energyPerInferenceMj(l);
                rows.add(new String[] {
                    device,
                    status,
                    ResultFields.laneLabel(l),
                    ms(ResultFields.p50Us(l)),
                    ms(ResultFields.p99Us(l)),
                    ips == null ? "-" : String.format(Locale.ROOT, "%.1f/s", ips),
                    mj == null ? "-" : String.format(Locale.ROOT, "%.2f mJ", mj),
                    valid == null ? "-" : valid ? "yes" : "no"
                });
            }
        });
        job.missing()
                .forEach(d -> rows.add(new String[] {
                    d,
                    "no result before the deadline (it is published when"
                            + " the job ends: edgebench collect keeps it)",
                    "",
                    "",
                    "",
                    "",
                    "",
                    ""
                }));
        job.silent()
                .forEach(d -> rows.add(
                        new String[] {d, "no reply (status online, but it did not answer)", "", "", "", "", "", ""}));
        return Columns.render(rows);
    }

    private static String ms(Double us) {
        return us == null ? "-" : String.format(Locale.ROOT, "%.2f ms", us / 1000);
    }
}

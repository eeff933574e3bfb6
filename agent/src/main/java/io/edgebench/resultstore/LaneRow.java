package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The indexed columns of one benchmark lane (a bench result, or one lane of a compare report). Every field but
 * {@code lane} may be null: a failed run has no latency, a board without a power sensor no energy.
 */
public record LaneRow(
        int lane,
        String label,
        String modelName,
        String modelSha256,
        String runtime,
        String delegate,
        Integer threads,
        Double p50Us,
        Double p99Us,
        Double throughputIps,
        Double energyPerInferenceMj,
        Boolean valid) {

    /** Reads one bench result leniently (see {@link ResultFields}). */
    public static LaneRow of(int lane, JsonNode r) {
        String sha = ResultFields.text(r, "model", "sha256");
        String fitting = sha != null && sha.length() <= 64 ? sha : null; // the column holds a sha256, nothing longer
        return new LaneRow(
                lane,
                ResultFields.laneLabel(r),
                ResultFields.modelName(r),
                fitting,
                ResultFields.text(r, "runtime"),
                ResultFields.text(r, "delegate"),
                ResultFields.integer(r, "threads"),
                ResultFields.p50Us(r),
                ResultFields.p99Us(r),
                ResultFields.number(r, "throughput_ips"),
                ResultFields.energyPerInferenceMj(r),
                ResultFields.bool(r, "valid"));
    }
}

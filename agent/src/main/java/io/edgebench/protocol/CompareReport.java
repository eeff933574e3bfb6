package io.edgebench.protocol;


import java.util.List;

/**
 * Everything one {@code edgebench compare} produced, as written to --json: the benchmark of every lane (a full
 * BenchResult each, telemetry included when sampled) and the agreement of every pair of lanes.
 *
 * @param agreementSeeds the seeds of the inputs the outputs were compared on
 * @param outputErrors lanes whose outputs could not be collected, with the reason
 */
public record CompareReport(int schemaVersion, List<String> lanes, List<BenchResult> results,
        List<Long> agreementSeeds, double tolerance, double minTop1, List<PairAgreement> agreement,
        List<String> outputErrors) {
    public static final int SCHEMA_VERSION = 1;

    public CompareReport {
        lanes = List.copyOf(lanes);
        results = List.copyOf(results);
        agreementSeeds = List.copyOf(agreementSeeds);
        agreement = List.copyOf(agreement);
        outputErrors = List.copyOf(outputErrors);
    }

    /** True when every lane ran and no pair is flagged. */
    public boolean allGood() {
        return results.stream().allMatch(BenchResult::ok) && outputErrors.isEmpty()
                && agreement.stream().noneMatch(PairAgreement::flagged);
    }
}

package io.edgebench.protocol;


import java.util.List;

/**
 * Everything one {@code edgebench compare} produced, as written to --json: the benchmark of every lane (a full
 * BenchResult each, telemetry included when sampled) and the agreement of every pair of lanes.
 *
 * @param agreementSeeds the seeds of the inputs the outputs were compared on
 * @param outputErrors lanes whose outputs could not be collected, with the reason
 * @param agreementInputs per sample, the inputs as fed, when the user chose any (--input, --input-value...)
 */
public record CompareReport(int schemaVersion, List<String> lanes, List<BenchResult> results,
        List<Long> agreementSeeds, double tolerance, double minTop1, List<PairAgreement> agreement,
        List<String> outputErrors, List<AgreementSample> agreementInputs) {
    public static final int SCHEMA_VERSION = 1;

    public CompareReport {
        lanes = List.copyOf(lanes);
        results = List.copyOf(results);
        agreementSeeds = List.copyOf(agreementSeeds);
        agreement = List.copyOf(agreement);
        outputErrors = List.copyOf(outputErrors);
        agreementInputs = agreementInputs == null ? null : List.copyOf(agreementInputs);
    }

    /** Without the per-sample inputs (no input was chosen: every agreement input is the seeded one). */
    public CompareReport(int schemaVersion, List<String> lanes, List<BenchResult> results, List<Long> agreementSeeds,
            double tolerance, double minTop1, List<PairAgreement> agreement, List<String> outputErrors) {
        this(schemaVersion, lanes, results, agreementSeeds, tolerance, minTop1, agreement, outputErrors, null);
    }

    /**
     * The inputs one agreement sample was fed in the first lane that produced outputs: which file of a directory
     * input, with its sha256, and the values, ranges and seeds of the others.
     */
    public record AgreementSample(long seed, List<BenchResult.InputShape> inputs) {
        public AgreementSample {
            inputs = List.copyOf(inputs);
        }
    }

    /** True when every lane ran and no pair is flagged. */
    public boolean allGood() {
        return results.stream().allMatch(BenchResult::ok) && outputErrors.isEmpty()
                && agreement.stream().noneMatch(PairAgreement::flagged);
    }
}

package io.edgebench.results;

import java.util.List;

/**
 * Everything one {@code edgebench compare} produced, as written to --json: the benchmark of every lane (a full
 * BenchResult each, telemetry included when sampled) and the agreement of every pair of lanes.
 *
 * @param agreementSeeds the seeds of the inputs the outputs were compared on
 * @param outputErrors lanes whose outputs could not be collected, with the reason
 * @param agreementInputs per sample, the inputs as fed, when the user chose any (--input, --input-value...)
 * @param verdicts one per pair of lanes that both ran: the p50 speedup with its interval over worker
 *     processes and its outcome (different, equivalent, inconclusive), in a sentence
 * @param sweep the fastest lane, the least energy per inference, the Pareto front; null with fewer than 2 lanes
 * @param reference every lane against --reference outputs; empty without a reference set
 * @param heat the heat blocks behind the temperature verdicts; null when none ran
 * @param notMeasured one line per verdict axis (energy per inference, temperature) the comparison did not measure,
 *     with why, e.g. "temperature: not measured: this board has no temperature source (...)"
 */
public record CompareReport(
        int schemaVersion,
        List<String> lanes,
        List<BenchResult> results,
        List<Long> agreementSeeds,
        double tolerance,
        double minTop1,
        List<PairAgreement> agreement,
        List<String> outputErrors,
        List<AgreementSample> agreementInputs,
        Rounds rounds,
        List<PairVerdict> verdicts,
        SweepVerdict sweep,
        List<ReferenceCheck> reference,
        List<String> notMeasured,
        HeatBlocks heat) {
    public static final int SCHEMA_VERSION = 1;

    public CompareReport {
        lanes = List.copyOf(lanes);
        results = List.copyOf(results);
        agreementSeeds = List.copyOf(agreementSeeds);
        agreement = List.copyOf(agreement);
        outputErrors = List.copyOf(outputErrors);
        // none chosen (every agreement input seeded) is written as no field at all
        agreementInputs = agreementInputs == null || agreementInputs.isEmpty() ? null : List.copyOf(agreementInputs);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        reference = reference == null ? List.of() : List.copyOf(reference);
        notMeasured = notMeasured == null ? List.of() : List.copyOf(notMeasured);
    }

    /** Without reference checks and axis lines. */
    public CompareReport(
            int schemaVersion,
            List<String> lanes,
            List<BenchResult> results,
            List<Long> agreementSeeds,
            double tolerance,
            double minTop1,
            List<PairAgreement> agreement,
            List<String> outputErrors,
            List<AgreementSample> agreementInputs,
            Rounds rounds,
            List<PairVerdict> verdicts,
            SweepVerdict sweep) {
        this(
                schemaVersion,
                lanes,
                results,
                agreementSeeds,
                tolerance,
                minTop1,
                agreement,
                outputErrors,
                agreementInputs,
                rounds,
                verdicts,
                sweep,
                List.of(),
                List.of(),
                null);
    }

    /** Without per-sample inputs, rounds, verdicts and sweep (reports built elsewhere, and tests). */
    public CompareReport(
            int schemaVersion,
            List<String> lanes,
            List<BenchResult> results,
            List<Long> agreementSeeds,
            double tolerance,
            double minTop1,
            List<PairAgreement> agreement,
            List<String> outputErrors) {
        this(
                schemaVersion,
                lanes,
                results,
                agreementSeeds,
                tolerance,
                minTop1,
                agreement,
                outputErrors,
                List.of(),
                null,
                List.of(),
                null);
    }

    /** The same report with the per-sample inputs (no input chosen: every agreement input is the seeded one). */
    public CompareReport withAgreementInputs(List<AgreementSample> samples) {
        return new CompareReport(
                schemaVersion,
                lanes,
                results,
                agreementSeeds,
                tolerance,
                minTop1,
                agreement,
                outputErrors,
                samples,
                rounds,
                verdicts,
                sweep,
                reference,
                notMeasured,
                heat);
    }

    /** The same report with every lane checked against reference outputs. */
    public CompareReport withReference(List<ReferenceCheck> checks) {
        return new CompareReport(
                schemaVersion,
                lanes,
                results,
                agreementSeeds,
                tolerance,
                minTop1,
                agreement,
                outputErrors,
                agreementInputs,
                rounds,
                verdicts,
                sweep,
                checks,
                notMeasured,
                heat);
    }

    /** The same report with the heat blocks behind its temperature verdicts. */
    public CompareReport withHeat(HeatBlocks blocks) {
        return new CompareReport(
                schemaVersion,
                lanes,
                results,
                agreementSeeds,
                tolerance,
                minTop1,
                agreement,
                outputErrors,
                agreementInputs,
                rounds,
                verdicts,
                sweep,
                reference,
                notMeasured,
                blocks);
    }

    /** The same report with one line per verdict axis the comparison did not measure. */
    public CompareReport withNotMeasured(List<String> lines) {
        return new CompareReport(
                schemaVersion,
                lanes,
                results,
                agreementSeeds,
                tolerance,
                minTop1,
                agreement,
                outputErrors,
                agreementInputs,
                rounds,
                verdicts,
                sweep,
                reference,
                lines,
                heat);
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

    /**
     * How the lanes were interleaved: rounds of {@code roundSeconds} per lane, each round's order (lane indexes)
     * shuffled from {@code seed}, in {@code processes} worker processes per lane one after another (the rounds of
     * process k follow those of process k-1 in {@code orders}); and compare's own cost: {@code wallS} from starting
     * the first lane workers to the end of the last round, against {@code measuredS}: per set of processes the time
     * from starting them until every lane was ready (they start, load and warm up in parallel), plus every lane's
     * timed rounds (one lane at a time); {@code wallRatio} = wall / measured. The agreement inputs come after.
     */
    public record Rounds(
            long seed,
            double roundSeconds,
            int count,
            int processes,
            List<List<Integer>> orders,
            double wallS,
            double measuredS,
            double wallRatio) {
        public Rounds {
            orders = orders.stream().map(List::copyOf).toList();
        }
    }

    /** True when every lane ran, no pair is flagged and every lane reproduces the reference (when one is given). */
    public boolean allGood() {
        return results.stream().allMatch(BenchResult::ok)
                && outputErrors.isEmpty()
                && agreement.stream().noneMatch(PairAgreement::flagged)
                && reference.stream().allMatch(ReferenceCheck::reproduces);
    }
}

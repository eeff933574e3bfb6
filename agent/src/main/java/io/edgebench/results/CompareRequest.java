package io.edgebench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * A compare request: the MQTT {@code compare} payload, the `edgebench compare` command line and what the
 * controller and the demo write (docs/mqtt.md, "compare fields"). The lane options sit flat beside the fields of
 * compare's own. Null components were not given.
 *
 * @param models file names in the agent's models dir over MQTT, paths on the CLI
 */
public record CompareRequest(
        @Field(
                wireOnly = "the CLI runs the job itself; over MQTT a client may name it",
                doc = "Client-chosen job id (1-64 of A-Z a-z 0-9 . _ -); default: assigned by the agent.")
        String jobId,

        @Field(
                flag = "MODEL",
                maxItems = 8,
                expect = "an array of 1..8 model file names",
                doc = ".tflite and/or .onnx files.")
        List<String> models,

        @Field(
                flag = "--delegates",
                form = CliForm.LIST,
                maxItems = 4,
                dflt = "[\"tflite:cpu\",\"tflite:xnnpack\",\"onnx:cpu\"]",
                expect = "an array of 1..4 runtime:delegate"
                        + " strings (tflite:cpu, tflite:xnnpack, tflite:edgetpu, onnx:cpu)",
                doc = "runtime:delegate choices; each model runs with those of its format.")
        List<String> delegates,

        @Field(
                flag = "--threads",
                form = CliForm.LIST,
                orOne = true,
                min = 1,
                max = 256,
                maxItems = 8,
                doc = "Intra-op threads; a list (1,2,4) sweeps: every lane runs with each. Default: all cores up"
                        + " to 4.")
        List<Integer> threads,

        @Field(
                flag = "--sample-hz",
                min = 0,
                max = 1000,
                dflt = "0",
                doc = "Sample telemetry (energy per"
                        + " inference with its uncertainty) during each lane at this rate; the lanes then run in turn,"
                        + " without verdicts between lanes; 0: interleaved rounds with verdicts.")
        Double sampleHz,

        @Field(
                flag = "--agreement-inputs",
                min = 1,
                max = 1000,
                dflt = "20",
                doc = "Seeded inputs the outputs are"
                        + " compared on (one inference per lane each; 1000 keeps a job's agreement phase to minutes).")
        Integer agreementInputs,

        @Field(
                flag = "--tolerance",
                min = 0,
                max = 1e6,
                dflt = "1e-4",
                doc = "Flag a pair whose max abs output" + " error exceeds this (int8 vs float pairs need ~0.05).")
        Double tolerance,

        @Field(
                flag = "--min-top1",
                min = 0,
                max = 1,
                dflt = "1.0",
                doc = "Flag a pair whose top-1 agreement is below this fraction.")
        Double minTop1,

        @Field(
                flag = "--match",
                form = CliForm.LIST,
                maxItems = 32,
                expect = "an array of 1..32 strings \"A=B\" or"
                        + " \"A=B1+B2\" (output names), e.g. [\"regressors=Identity_2:0+Identity_3:0\"]",
                doc = "Pair output A of one lane with output B (or B1+B2 concatenated) of the other.")
        List<String> match,

        @Field(
                flag = "--dataset",
                label = "SET",
                doc = "Score every lane on a labelled set: class folders of images (<class>/<images>, <class> a"
                        + " class index or a line of labels.txt); top-1/top-5 per lane with 95 % intervals and"
                        + " McNemar's paired test between lanes (docs/accuracy.md). On the CLI a folder; over MQTT"
                        + " the name of a set uploaded with sets/put. Replaces the input fields and agreement_inputs.")
        String dataset,

        @Field(
                flag = "--dataset-output",
                label = "NAME",
                doc = "The classifier output the labelled set scores, by name, when a model has several outputs and"
                        + " labels.txt's line count does not single one out.")
        String datasetOutput,

        @Field(
                flag = "--reference",
                label = "SET",
                doc = "Check every lane against reference outputs: inputs/ (or inputs/NAME/ per input) and"
                        + " outputs/NAME/ .npy files, sample k the k-th file by name (docs/accuracy.md). On the CLI a"
                        + " folder; over MQTT the name of a set uploaded with sets/put. Replaces the input fields and"
                        + " agreement_inputs.")
        String reference,

        @Field(
                flag = "--forks",
                min = 1,
                max = VerdictOptions.MAX_FORKS,
                dflt = "6",
                doc = "Worker processes per"
                        + " lane, one after another, each with its own load and warm-up; the verdicts' intervals are computed"
                        + " over them (docs/bench.md).")
        Integer forks,

        @Field(
                flag = "--equivalence-pct",
                min = 0.1,
                max = 50,
                dflt = "3",
                doc = "Two lanes whose 90 % interval" + " lies within +-PCT % are equivalent (TOST).")
        Double equivalencePct,

        @Field(
                flag = "--until-decided",
                dflt = "false",
                doc = "After the forks, keep adding worker processes until"
                        + " every pair is decided (different or equivalent) or max seconds, looking at most 10 times;"
                        + " each look tests at 5 % / 10 (Bonferroni), so all looks together err at most 5 %.")
        Boolean untilDecided,

        @Field(
                flag = "--heat-blocks",
                min = 0,
                max = 20,
                dflt = "3",
                doc = "ABBA quads of heat blocks after the rounds for the temperature verdict (rise over idle with"
                        + " its interval; 2..20, 0: off); they run where the board has a temperature source: two lanes"
                        + " at the defaults add 12 blocks of 20 s, each after a wait of at most 20 s to cool"
                        + " (docs/bench.md).")
        Integer heatBlocks,

        @Field(
                flag = "--heat-block-s",
                min = 1,
                max = 60,
                dflt = "20",
                doc = "Seconds each heat block runs its lane's inferences continuously.")
        Double heatBlockS,

        @Field.Flat LaneOptions lane) {

    public static final CompareRequest DEFAULTS = RequestSchema.defaults(CompareRequest.class);

    /**
     * What the demo writes: these models and delegates with these lane options and heat-block quads, the rest left to
     * the agent.
     */
    public static CompareRequest of(List<String> models, List<String> delegates, LaneOptions lane, int heatBlocks) {
        return RequestSchema.of(
                CompareRequest.class,
                Map.of("models", models, "delegates", delegates, "lane", lane, "heat_blocks", heatBlocks));
    }

    public List<Lane.Choice> choices() {
        List<String> items = delegates != null ? delegates : DEFAULTS.delegates;
        for (String item : items) {
            if (item.contains(",")) { // one choice per item: a comma list inside one would hide the count bound
                throw new RequestSchema.Invalid(
                        RequestSchema.entry(CompareRequest.class, "delegates"),
                        "\"" + RequestSchema.truncate(item) + "\"");
            }
        }
        return Lane.Choice.parseList(String.join(",", items));
    }

    /** The thread counts of a sweep (two or more), or none. */
    public List<Integer> sweep() {
        return threads != null && threads.size() > 1 ? threads : List.of();
    }

    /** The bench options every lane shares; its model is {@code first}, its threads the first of a sweep. */
    public BenchParams template(Path first, RequestSchema.Voice voice) {
        double hz = sampleHz != null ? sampleHz : DEFAULTS.sampleHz;
        BenchParams p = lane.params(first, null, false, voice)
                .sampleHz(hz)
                .threads(threads == null ? BenchParams.defaultThreads() : threads.get(0))
                .build();
        return p.toBuilder().measure(p.measure().withVerdict(verdict())).build();
    }

    /** How the verdicts are reached: forks, the equivalence margin, until decided. */
    public VerdictOptions verdict() {
        return new VerdictOptions(
                forks != null ? forks : DEFAULTS.forks,
                equivalencePct != null ? equivalencePct : DEFAULTS.equivalencePct,
                untilDecided != null ? untilDecided : DEFAULTS.untilDecided,
                heatBlocks != null ? heatBlocks : DEFAULTS.heatBlocks,
                heatBlockS != null ? heatBlockS : DEFAULTS.heatBlockS);
    }

    /** The agreement inputs' seeds: SEED..SEED+N-1 (1..N by default). */
    public List<Long> seeds() {
        long first = lane.seed() != null ? lane.seed() : LaneOptions.DEFAULTS.seed();
        int n = agreementInputs != null ? agreementInputs : DEFAULTS.agreementInputs;
        if (first > Long.MAX_VALUE - n) {
            throw new IllegalArgumentException(
                    "field \"seed\" must leave room for agreement_inputs seeds after it," + " got [" + first + "]");
        }
        return LongStream.range(first, first + n).boxed().toList();
    }

    /**
     * A labelled set and a reference set bring their own inputs: beside each other, or beside an input field, the
     * request would say two things about the same input. {@code inputsGiven}: an input field was given.
     */
    public void checkSets(RequestSchema.Voice voice, boolean inputsGiven) {
        String set = dataset != null ? named(voice, "dataset", dataset) : null;
        String ref = reference != null ? named(voice, "reference", reference) : null;
        if (set != null && ref != null) {
            throw new IllegalArgumentException(
                    set + " and " + ref + " both choose the inputs; run them as two" + " compares");
        }
        String inputs = voice == RequestSchema.Voice.CLI
                ? "--input, --input-value and --input-range"
                : "input, inputs, input_value and input_range";
        if (set != null && inputsGiven) {
            throw new IllegalArgumentException(set + " brings its own images (its class folders); drop " + inputs
                    + " (the input scale still applies), or drop " + voice.name(CompareRequest.class, "dataset"));
        }
        if (ref != null && inputsGiven) {
            throw new IllegalArgumentException(ref + " brings its own inputs (its inputs/ folder); drop " + inputs
                    + ", or drop " + voice.name(CompareRequest.class, "reference"));
        }
        if (datasetOutput != null && set == null) {
            throw new IllegalArgumentException(named(voice, "dataset_output", datasetOutput) + " names the output "
                    + voice.name(CompareRequest.class, "dataset") + " scores; add a labelled set");
        }
    }

    private static String named(RequestSchema.Voice voice, String wire, String value) {
        return voice.name(CompareRequest.class, wire) + " [" + value + "]";
    }

    /** The output pairings given, or none. */
    public List<String> matches() {
        return match != null ? match : List.of();
    }

    public double toleranceOrDefault() {
        return tolerance != null ? tolerance : DEFAULTS.tolerance;
    }

    public double minTop1OrDefault() {
        return minTop1 != null ? minTop1 : DEFAULTS.minTop1;
    }
}

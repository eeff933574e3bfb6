package io.edgebench.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Lane;
import java.util.List;
import java.util.Objects;

/**
 * A validated request from the broker, one record per verb. Built only by {@link CommandParser}; model names are
 * already confined to plain file names and every number is in range.
 */
public sealed interface Command {

    /** The verb as in {@link Topics#VERBS}. */
    String verb();

    /** A command that becomes a queued job with a result on result/&lt;job_id&gt;. */
    sealed interface JobCommand extends Command {
        /** Client-chosen job id, or null for one assigned by the agent. */
        String jobId();

        /** The request as received (validated), echoed in the result and persisted with the job. */
        ObjectNode request();
    }

    record Ping() implements Command {
        public String verb() {
            return Topics.PING;
        }
    }

    record Sensors() implements Command {
        public String verb() {
            return Topics.SENSORS;
        }
    }

    record Inspect(String model) implements Command {
        public Inspect {
            Objects.requireNonNull(model, "model");
        }

        public String verb() {
            return Topics.INSPECT;
        }
    }

    /** @param params model is the bare file name; the agent resolves it inside its models dir. */
    record Bench(String jobId, BenchParams params, ObjectNode request) implements JobCommand {
        public Bench {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(request, "request");
        }

        public String verb() {
            return Topics.BENCH;
        }
    }

    /**
     * A comparison job, as `edgebench compare` runs it: every model with every matching runtime:delegate choice.
     *
     * @param choices the runtime:delegate choices; each model runs with those of its format
     * @param template bench options shared by every lane; its model is the first of {@code models}
     * @param agreementSeeds the seeded inputs whose outputs are compared between lanes
     * @param matches output pairings, "A=B" or "A=B1+B2" (compare.align.OutputMatch), tried on every pair
     * @param threadSweep a "threads" array: every lane runs once per count; empty without a sweep
     * @param sets the sets of the agent's sets dir the lanes are checked against, by name
     */
    record Compare(
            String jobId,
            List<String> models,
            List<Lane.Choice> choices,
            BenchParams template,
            List<Long> agreementSeeds,
            double tolerance,
            double minTop1,
            ObjectNode request,
            List<String> matches,
            List<Integer> threadSweep,
            SetNames sets)
            implements JobCommand {
        /**
         * compare's fields that name sets: {@code dataset} (its classifier output {@code datasetOutput}) and
         * {@code reference}, each null when not given.
         */
        public record SetNames(String dataset, String datasetOutput, String reference) {}

        public Compare {
            Objects.requireNonNull(sets, "sets");
            matches = matches == null ? List.of() : List.copyOf(matches);
            threadSweep = threadSweep == null ? List.of() : List.copyOf(threadSweep);
            models = List.copyOf(models);
            choices = List.copyOf(choices);
            agreementSeeds = List.copyOf(agreementSeeds);
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(request, "request");
            if (models.isEmpty() || choices.isEmpty() || agreementSeeds.isEmpty()) {
                throw new IllegalArgumentException("compare needs at least one model, choice and agreement seed");
            }
        }

        public String verb() {
            return Topics.COMPARE;
        }
    }

    record Cancel(String jobId) implements Command {
        public Cancel {
            Objects.requireNonNull(jobId, "jobId");
        }

        public String verb() {
            return Topics.CANCEL;
        }
    }

    record ModelsList() implements Command {
        public String verb() {
            return Topics.MODELS_LIST;
        }
    }

    /**
     * One part of an upload: {@code data} goes at {@code offset} of a file of {@code sizeBytes} whose whole content
     * must hash to {@code sha256}; the part that reaches sizeBytes completes it. A small model is one part at 0.
     *
     * @param data the decoded bytes of this part, already checked to fit inside sizeBytes (not yet against sha256)
     */
    record ModelsPut(String name, long sizeBytes, String sha256, long offset, byte[] data) implements Command {
        public ModelsPut {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(data, "data");
            if (offset < 0 || offset + data.length > sizeBytes) {
                throw new IllegalArgumentException(
                        "part [" + offset + ", +" + data.length + ") exceeds size_bytes [" + sizeBytes + "]");
            }
        }

        /** True when this part ends the file. */
        public boolean last() {
            return offset + data.length == sizeBytes;
        }

        public String verb() {
            return Topics.MODELS_PUT;
        }
    }

    /** One part of an input upload: the part of a models/put, with its checks, for the inputs dir. */
    record InputsPut(ModelsPut part) implements Command {
        public InputsPut {
            Objects.requireNonNull(part, "part");
        }

        public String verb() {
            return Topics.INPUTS_PUT;
        }
    }

    /**
     * One part of a file of a set (sets/put): a labelled set's image or labels.txt, a reference set's input or
     * output.
     *
     * @param set the set's name, a plain file name
     * @param path the file inside the set, 1..{@value #MAX_PATH_DEPTH} plain names joined by '/'
     * @param part the part itself, named "set/path", with the checks of every upload part
     */
    record SetsPut(String set, String path, ModelsPut part) implements Command {
        public static final int MAX_PATH_DEPTH = 3;
        /** A labelled set's 10,000 images, or a reference set's inputs and outputs for several of each. */
        public static final int MAX_FILES = 40_000;

        public SetsPut {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(part, "part");
        }

        public String verb() {
            return Topics.SETS_PUT;
        }
    }

    record SetsDelete(String set) implements Command {
        public SetsDelete {
            Objects.requireNonNull(set, "set");
        }

        public String verb() {
            return Topics.SETS_DELETE;
        }
    }

    record ModelsDelete(String name) implements Command {
        public ModelsDelete {
            Objects.requireNonNull(name, "name");
        }

        public String verb() {
            return Topics.MODELS_DELETE;
        }
    }
}

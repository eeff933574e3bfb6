package io.edgebench.wire;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.results.BenchResult;
import io.edgebench.results.CompareReport;
import java.io.IOException;
import java.util.Objects;

/**
 * What a job produced, published as the {@code result} field of result/&lt;job_id&gt;: a bench job's BenchResult or
 * a compare job's CompareReport. The JSON is the wrapped value itself (no wrapper key), as it always was.
 */
public sealed interface JobOutput {
    /** True when the job ran but its outcome is a failure: the bench failed, or a compare lane did. */
    boolean failed();

    /** The wrapped result, serialised in place of this. */
    @JsonValue
    Object value();

    /**
     * The controller's side: the {@code result} of a result/&lt;job_id&gt; message, typed by the message's verb and
     * read leniently (fields a newer agent added are ignored).
     *
     * @throws IOException the JSON does not map onto this version's types at all
     */
    static JobOutput read(String verb, JsonNode result) throws IOException {
        return switch (verb) {
            case Topics.BENCH -> of(Json.lenient().treeToValue(result, BenchResult.class));
            case Topics.COMPARE -> of(Json.lenient().treeToValue(result, CompareReport.class));
            default ->
                throw new IllegalArgumentException(
                        "verb [" + verb + "] has no job output; expected " + Topics.BENCH + " or " + Topics.COMPARE);
        };
    }

    static JobOutput of(BenchResult result) {
        return new Bench(result);
    }

    static JobOutput of(CompareReport report) {
        return new Compare(report);
    }

    record Bench(BenchResult value) implements JobOutput {
        public Bench {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean failed() {
            return value.status() == BenchResult.Status.FAILED;
        }
    }

    record Compare(CompareReport value) implements JobOutput {
        public Compare {
            Objects.requireNonNull(value, "value");
        }

        /** A compare job fails when one of its lanes' benchmarks failed, as `edgebench compare` exits 1. */
        @Override
        public boolean failed() {
            return value.results().stream().anyMatch(r -> r.status() == BenchResult.Status.FAILED);
        }
    }
}

package io.edgebench.wire;

import java.util.List;

/** The {@code data} of the replies whose shape the protocol fixes (docs/mqtt.md, Commands). */
public final class ReplyData {
    private ReplyData() {}

    /** ping; {@code current_job} left out when idle. */
    public record Pong(boolean pong, String version, double uptimeS, int queueLength, String currentJob) {}

    /** bench, compare: accepted; 0 = runs now, n = n jobs ahead. */
    public record Accepted(String jobId, int queuePosition) {}

    /** cancel; {@code was} queued or running. */
    public record Cancelled(String jobId, JobStage was) {}

    /** models/list. */
    public record ModelList(
            List<ModelEntry> models,
            long modelsDirBytes,
            List<ModelEntry> inputs,
            long inputsDirBytes,
            List<SetEntry> sets) {
        public ModelList {
            models = List.copyOf(models);
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            sets = sets == null ? List.of() : List.copyOf(sets);
        }

        /** Without an inputs dir or sets. */
        public ModelList(List<ModelEntry> models, long modelsDirBytes) {
            this(models, modelsDirBytes, List.of(), 0, List.of());
        }
    }

    /** One set of the sets dir (sets/put): its files and their bytes. */
    public record SetEntry(String name, long files, long sizeBytes) {}

    /** One file of the models dir. */
    public record ModelEntry(String name, long sizeBytes, String modifiedTs) {}

    /** models/put: one part received ({@code receivedBytes} so far); {@code complete} once the model is in place. */
    public record ModelStored(String name, long sizeBytes, String sha256, long receivedBytes, boolean complete) {}

    /** models/delete. */
    public record ModelDeleted(String name, boolean deleted) {}
}

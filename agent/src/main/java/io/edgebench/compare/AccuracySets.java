package io.edgebench.compare;

import io.edgebench.inputs.LabelledSet;
import io.edgebench.results.InputPlan;
import java.nio.file.Path;
import java.util.List;

/**
 * What a compare's lanes are checked against besides one another: reference outputs (--reference, field
 * "reference") and a labelled set (--dataset, field "dataset"), each null when not asked for. Both bring their own
 * inputs. Opened the same way by the CLI (folders it is given) and the agent (sets in its sets dir), so the checks
 * that run before any lane are the same.
 */
public record AccuracySets(ReferenceSet reference, LabelledSet dataset) {
    public static final AccuracySets NONE = new AccuracySets(null, null);

    /**
     * Opens and checks the folders given (null: not asked for): layout, counts, sizes, image headers, and the
     * labelled set's classes against every model's outputs, before any lane runs.
     */
    public static AccuracySets open(Path reference, Path dataset, String datasetOutput, List<Path> models) {
        ReferenceSet ref = reference == null ? null : ReferenceSet.open(reference);
        LabelledSet set = null;
        if (dataset != null) {
            set = LabelledSet.open(dataset).withOutput(datasetOutput);
            DatasetAccuracy.checkModels(set, models);
        }
        return new AccuracySets(ref, set);
    }

    /** The inputs the lanes run on: the set's own when there is one, else {@code given}; its scales either way. */
    public InputPlan plan(InputPlan given) {
        if (dataset != null) {
            return dataset.inputs(given.scales());
        }
        return reference == null ? given : new InputPlan(reference.inputs().sources(), given.scales());
    }
}

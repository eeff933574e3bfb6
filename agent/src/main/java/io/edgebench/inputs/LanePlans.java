package io.edgebench.inputs;

import io.edgebench.model.ModelInspector;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * compare's rule for named inputs: a named input feeds the models that have an input of that name, unnamed ones
 * feed each model's only input, and a name that no model has is an error (a typo would otherwise be ignored).
 * Reads the input names from the files (no runtime needed).
 */
public final class LanePlans {
    private LanePlans() {}

    /** The plan each model takes, by model path. */
    public static Map<Path, InputPlan> split(InputPlan plan, List<Path> models) {
        Map<Path, InputPlan> out = new LinkedHashMap<>();
        if (plan.isEmpty()) {
            // nothing chosen: no need to read the models (a file inspect cannot parse still benchmarks)
            models.forEach(m -> out.put(m, plan));
            return out;
        }
        Map<Path, Set<String>> names = new LinkedHashMap<>();
        Set<String> all = new HashSet<>();
        for (Path m : models) {
            Set<String> n = ModelInspector.inspect(m).inputs().stream()
                    .map(TensorInfo::name)
                    .collect(Collectors.toSet());
            names.put(m, n);
            all.addAll(n);
            out.put(m, plan.forInputs(n));
        }
        for (String wanted : plan.names()) {
            if (!all.contains(wanted)) {
                StringBuilder b = new StringBuilder();
                names.forEach((m, n) -> b.append(b.length() == 0 ? "" : "; ")
                        .append(m.getFileName())
                        .append(" has ")
                        .append(n.stream().sorted().toList()));
                throw new InputException("Input [" + wanted + "] is named by an input flag, but no model has an input"
                        + " of that name: " + b + ". Give a name a model has, or no name for a model's only input");
            }
        }
        return out;
    }
}

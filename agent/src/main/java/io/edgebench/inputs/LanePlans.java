package io.edgebench.inputs;

import io.edgebench.model.ModelInspector;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

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

    /**
     * compare's agreement samples: a directory input gives one per file (sample k: its k-th file, seed k for the
     * other inputs); when every input of every model is one file or a constant, one sample (each seed would feed
     * the same values again); otherwise {@code seeds}, each seed new random values for the inputs not chosen.
     */
    public static List<Long> agreementSeeds(InputPlan plan, List<Path> models, List<Long> seeds) {
        int samples = InputFiles.directorySamples(plan);
        if (samples > 0) {
            return LongStream.rangeClosed(1, samples).boxed().toList();
        }
        if (!plan.isEmpty() && models.stream().allMatch(m -> everyInputFixed(plan, m))) {
            return seeds.subList(0, 1);
        }
        return seeds;
    }

    private static boolean everyInputFixed(InputPlan plan, Path model) {
        List<String> names = ModelInspector.inspect(model).inputs().stream()
                .map(TensorInfo::name)
                .toList();
        return names.stream()
                .allMatch(n -> plan.sources().stream()
                        .filter(s -> n.equals(s.name()) || (s.name() == null && names.size() == 1))
                        .anyMatch(s -> s.value() != null || (s.file() != null && !Files.isDirectory(s.file()))));
    }
}

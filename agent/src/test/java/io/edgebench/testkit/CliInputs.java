package io.edgebench.testkit;

import io.edgebench.cpu.CpuList;
import io.edgebench.results.InputPlan;
import io.edgebench.results.LaneOptions;
import io.edgebench.results.RequestSchema;
import io.edgebench.wire.CliText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Input plans from CLI flag text (--input, --input-value, --input-range, --input-scale), the CLI's own way. */
public final class CliInputs {
    private CliInputs() {}

    public static InputPlan plan(List<String> inputs, List<String> values, List<String> ranges, List<String> scales) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        Map.of("--input", inputs, "--input-value", values, "--input-range", ranges, "--input-scale", scales)
                .forEach((flag, v) -> {
                    if (!v.isEmpty()) {
                        given.put(flag, v);
                    }
                });
        return RequestSchema.bind(CliText.toJson(LaneOptions.class, given, CpuList::parse), LaneOptions.class)
                .plan();
    }
}

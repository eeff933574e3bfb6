package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inputs a user chose for one run: where values come from, per input, and how image pixels are scaled. Inputs
 * the plan does not name get the seeded random values (bench.InputGenerator). A BenchParams field, so it travels to
 * the worker, which resolves names against the model and loads the files.
 */
public record InputPlan(List<InputSource> sources, List<InputScale> scales) {
    public static final InputPlan NONE = new InputPlan(List.of(), List.of());

    public InputPlan {
        sources = sources == null ? List.of() : List.copyOf(sources);
        scales = scales == null ? List.of() : List.copyOf(scales);
        Set<String> seen = new HashSet<>();
        for (InputSource s : sources) {
            if (!seen.add(String.valueOf(s.name()))) {
                throw new IllegalArgumentException(s.flag() + ": input [" + InputSource.label(s.name())
                        + "] is given more than once; give each input one source");
            }
        }
        Set<String> scaled = new HashSet<>();
        for (InputScale s : scales) {
            if (!scaled.add(String.valueOf(s.name()))) {
                throw new IllegalArgumentException(
                        "--input-scale for [" + InputSource.label(s.name()) + "] is given more than once");
            }
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return sources.isEmpty() && scales.isEmpty();
    }

    /** The names this plan refers to (null, the unnamed only input, left out). */
    @JsonIgnore
    public Set<String> names() {
        Set<String> out = new HashSet<>();
        sources.stream().map(InputSource::name).filter(n -> n != null).forEach(out::add);
        scales.stream().map(InputScale::name).filter(n -> n != null).forEach(out::add);
        return out;
    }

    /** The part of this plan a model with these input names takes: unnamed entries and entries it has. */
    public InputPlan forInputs(Set<String> modelInputs) {
        return new InputPlan(
                sources.stream()
                        .filter(s -> s.name() == null || modelInputs.contains(s.name()))
                        .toList(),
                scales.stream()
                        .filter(s -> s.name() == null || modelInputs.contains(s.name()))
                        .toList());
    }
}

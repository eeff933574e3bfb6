package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.ArrayList;
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
                throw new IllegalArgumentException("--input-scale for [" + InputSource.label(s.name())
                        + "] is given more than once");
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
        return new InputPlan(sources.stream().filter(s -> s.name() == null || modelInputs.contains(s.name())).toList(),
                scales.stream().filter(s -> s.name() == null || modelInputs.contains(s.name())).toList());
    }

    /**
     * Parses the CLI flags: {@code --input [NAME=]FILE}, {@code --input-value NAME=V}, {@code --input-range
     * NAME=LO,HI}, {@code --input-scale [NAME=]MEAN,STD}. Names split at the last '=' (ONNX names like "input:0"
     * contain ':'; a file name may not contain '=' when a name is given).
     */
    public static InputPlan parse(List<String> files, List<String> values, List<String> ranges, List<String> scales) {
        List<InputSource> sources = new ArrayList<>();
        for (String f : orEmpty(files)) {
            int eq = f.lastIndexOf('=');
            if (eq == f.length() - 1) {
                throw new IllegalArgumentException("--input [" + f + "] must be FILE or NAME=FILE, e.g. input=cat.png");
            }
            sources.add(InputSource.file(eq <= 0 ? null : f.substring(0, eq), Path.of(f.substring(eq + 1))));
        }
        for (String v : orEmpty(values)) {
            String[] nv = split("--input-value", v, "sr=16000");
            sources.add(InputSource.value(nv[0], number("--input-value", v, nv[1])));
        }
        for (String r : orEmpty(ranges)) {
            String[] nv = split("--input-range", r, "x=-1,1");
            double[] lh = pair("--input-range", r, nv[1], "x=-1,1");
            sources.add(InputSource.range(nv[0], lh[0], lh[1]));
        }
        List<InputScale> sc = new ArrayList<>();
        for (String s : orEmpty(scales)) {
            int eq = s.lastIndexOf('=');
            double[] ms = pair("--input-scale", s, s.substring(eq + 1), "input=127.5,127.5");
            sc.add(new InputScale(eq <= 0 ? null : s.substring(0, eq), ms[0], ms[1]));
        }
        return new InputPlan(sources, sc);
    }

    private static String[] split(String flag, String spec, String example) {
        int eq = spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException(flag + " [" + spec + "] must look like NAME=VALUE, e.g. " + example);
        }
        return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
    }

    private static double[] pair(String flag, String spec, String text, String example) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException(flag + " [" + spec + "] must give two numbers A,B, e.g. " + example);
        }
        return new double[] {number(flag, spec, parts[0]), number(flag, spec, parts[1])};
    }

    private static double number(String flag, String spec, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " [" + spec + "]: [" + text + "] is not a number");
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}

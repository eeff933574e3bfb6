package io.edgebench.cli;

import io.edgebench.cpu.CpuList;
import io.edgebench.results.CliForm;
import io.edgebench.results.RequestSchema;
import io.edgebench.wire.CliText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * The picocli mixin that declares one flag per field of a request record (protocol.BenchRequest, CompareRequest),
 * from the fields' {@link io.edgebench.results.Field} annotations, help defaults included. The flags' text becomes
 * the request's JSON, bound by the same {@link RequestSchema#bind} as an MQTT request: one parser, one set of bounds.
 */
@Command
public final class RequestOptions<R extends Record> {
    private final Class<R> type;
    /** The values given, per flag (or positional label), in order. */
    private final Map<String, List<String>> given = new LinkedHashMap<>();

    RequestOptions(Class<R> type) {
        this.type = type;
    }

    /** Picocli hands over the command the mixin is part of; its flags are added there, one per flag name. */
    @Spec(Spec.Target.MIXEE)
    void install(CommandSpec mixee) {
        Map<String, List<RequestSchema.Entry>> byFlag = new LinkedHashMap<>();
        for (RequestSchema.Entry e : RequestSchema.fields(type)) {
            if (!e.field().flag().isEmpty()) {
                byFlag.computeIfAbsent(e.field().flag(), k -> new ArrayList<>()).add(e);
            }
        }
        byFlag.forEach((flag, entries) -> add(mixee, flag, entries));
    }

    /** The request the command line gives, bound as an MQTT request is. */
    R request() {
        try {
            return RequestSchema.bind(CliText.toJson(type, given, CpuList::parse), type);
        } catch (RequestSchema.Invalid e) {
            List<String> text = given.get(e.entry().field().flag());
            throw new IllegalArgumentException(e.cliMessage(text == null ? "" : String.join(" ", text)), e);
        }
    }

    /** Sets a flag as if given (what a command-only flag implies: --no-telemetry is --sample-hz 0). */
    void set(String flag, String value) {
        given.put(flag, List.of(value));
    }

    /** True when the command line gave this flag. */
    boolean has(String flag) {
        return given.containsKey(flag) && !given.get(flag).isEmpty();
    }

    private void add(CommandSpec mixee, String flag, List<RequestSchema.Entry> entries) {
        RequestSchema.Entry first = entries.get(0);
        Class<?> t = first.component().getType();
        boolean multi = entries.size() > 1 || first.field().form() != CliForm.VALUE || List.class.isAssignableFrom(t);
        boolean flagOnly = t == Boolean.class && first.field().form() == CliForm.VALUE;
        Values values = new Values(flag, multi, flagOnly);
        if (!flag.startsWith("-")) {
            mixee.addPositional(PositionalParamSpec.builder()
                    .index(multi ? "0..*" : "0")
                    .arity(multi ? "1..*" : "1")
                    .paramLabel(flag)
                    .description(first.field().doc())
                    .type(multi ? List.class : String.class)
                    .auxiliaryTypes(String.class)
                    .getter(values)
                    .setter(values)
                    .build());
            return;
        }
        mixee.addOption(OptionSpec.builder(flag)
                .description(help(first))
                .paramLabel(label(first))
                .type(flagOnly ? boolean.class : multi ? List.class : String.class)
                .auxiliaryTypes(flagOnly ? boolean.class : String.class)
                .arity(flagOnly ? "0" : "1")
                .negatable(flagOnly && "true".equals(first.dflt()))
                .getter(values)
                .setter(values)
                .build());
    }

    /** The doc line and default; % doubled, since picocli formats descriptions. */
    private static String help(RequestSchema.Entry e) {
        String d = e.dflt();
        return e.field().doc().replace("%", "%%")
                + (d.isEmpty() || "false".equals(d)
                        ? ""
                        : " Default: " + d.replaceAll("[\"\\[\\]]", "").replace(",", ", ") + ".");
    }

    static String label(RequestSchema.Entry e) {
        if (!e.field().label().isEmpty()) {
            return e.field().label();
        }
        return switch (e.field().form()) {
            case VALUE -> e.component().getType() == String.class ? "VALUE" : unitLabel(e.component());
            case LIST -> "A[,B...]";
            case CPU_LIST -> "LIST";
            case UNNAMED, NAMED -> "[NAME=]VALUE";
            case UNNAMED_PAIR, NAMED_PAIR -> "[NAME=]A,B";
            case NAMED_SHAPE -> "NAME=1x3x224x224";
        };
    }

    /** A number's label from its unit suffix (energyAccuracyPct: PCT, sampleHz: HZ), else X or N. */
    private static String unitLabel(java.lang.reflect.RecordComponent c) {
        for (String[] unit : new String[][] {{"Pct", "PCT"}, {"Hz", "HZ"}, {"Seconds", "S"}, {"ToC", "C"}}) {
            if (c.getName().endsWith(unit[0])) {
                return unit[1];
            }
        }
        return c.getType() == Double.class ? "X" : "N";
    }

    /** Where picocli puts the values of one flag: into {@link #given}, as typed. */
    private final class Values implements IGetter, ISetter {
        private final String flag;
        private final boolean multi;
        private final boolean flagOnly;

        Values(String flag, boolean multi, boolean flagOnly) {
            this.flag = flag;
            this.multi = multi;
            this.flagOnly = flagOnly;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return multi ? (T) given.get(flag) : null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            if (flagOnly) { // picocli hands a flag over as "" (or true) when given, false for --no-FLAG, null when
                // reset
                if (value != null) {
                    given.put(flag, List.of("false".equals(String.valueOf(value)) ? "false" : "true"));
                }
            } else if (value instanceof List<?> list) {
                given.put(flag, (List<String>) list);
            } else if (value instanceof String s) {
                given.put(flag, List.of(s));
            }
            return null;
        }
    }
}

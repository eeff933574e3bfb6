package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.edgebench.json.Json;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchRequest;
import io.edgebench.results.CliForm;
import io.edgebench.results.CompareRequest;
import io.edgebench.results.Field;
import io.edgebench.results.LaneOptions;
import io.edgebench.results.RequestSchema;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandParser;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The request schema against its three readers: every record component is a field with a CLI option (or says why
 * not) and a docs/mqtt.md row equal to its annotation, and the CLI and MQTT accept the same values at the bounds
 * and reject the same values beyond them, with the same defaults.
 */
@Timeout(120)
class RequestSchemaTest {
    private static final Map<Class<?>, String> VERBS =
            Map.of(BenchRequest.class, "bench", CompareRequest.class, "compare");

    static Stream<Arguments> fields() {
        return Stream.of(BenchRequest.class, CompareRequest.class)
                .flatMap(t -> RequestSchema.fields(t).stream().map(e -> Arguments.of(VERBS.get(t), t, e.wire(), e)));
    }

    @Test
    void everyComponent_isAFieldOrAFlatGroup() {
        for (Class<?> t : List.of(BenchRequest.class, CompareRequest.class, LaneOptions.class)) {
            for (RecordComponent rc : t.getRecordComponents()) {
                assertTrue(
                        rc.isAnnotationPresent(Field.class) || rc.isAnnotationPresent(Field.Flat.class),
                        t.getSimpleName() + "." + rc.getName()
                                + " has no @Field: no CLI option, no bounds, no doc row");
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("fields")
    void everyField_hasACliOption_withTheSchemasDefaultInItsHelp(
            String verb, Class<?> type, String wire, RequestSchema.Entry e) {
        Field f = e.field();
        CommandSpec spec = Main.commandLine().getSubcommands().get(verb).getCommandSpec();
        if (f.flag().isEmpty()) {
            assertTrue(!f.wireOnly().isEmpty(), wire + " has no CLI flag and does not say why (wireOnly)");
            return;
        }
        if (!f.flag().startsWith("-")) {
            assertTrue(
                    spec.positionalParameters().stream()
                            .anyMatch(p -> p.paramLabel().equals(f.flag())),
                    verb + " has no positional " + f.flag() + " for " + wire);
            return;
        }
        CommandLine.Model.OptionSpec o = spec.findOption(f.flag());
        assertNotNull(o, verb + " has no option " + f.flag() + " for field " + wire);
        if (!e.dflt().isEmpty() && !"false".equals(e.dflt())) {
            assertTrue(
                    String.join(" ", o.description()).contains("Default: " + pretty(e.dflt()) + "."),
                    f.flag() + " help: " + String.join(" ", o.description()));
        }
    }

    @Test
    void docsTables_areTheSchema() throws IOException {
        String doc = Files.readString(docs());
        for (Class<?> t : List.of(BenchRequest.class, CompareRequest.class, LaneOptions.class)) {
            Set<String> expected = new LinkedHashSet<>();
            for (RecordComponent rc : t.getRecordComponents()) {
                Field f = rc.getAnnotation(Field.class);
                if (f != null) {
                    expected.add(row(RequestSchema.entry(t, snake(rc.getName()))));
                }
            }
            Set<String> documented = table(doc, t.getSimpleName());
            List<String> missing =
                    expected.stream().filter(r -> !documented.contains(r)).toList();
            List<String> extra =
                    documented.stream().filter(r -> !expected.contains(r)).toList();
            if (!missing.isEmpty() || !extra.isEmpty()) {
                fail("docs/mqtt.md table <!-- schema: " + t.getSimpleName() + " --> differs from the schema.\nmissing"
                        + " or different rows (write them as here):\n" + String.join("\n", missing)
                        + "\nrows without such a field:\n" + String.join("\n", extra));
            }
        }
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("fields")
    void cliAndMqtt_acceptTheBounds_andRejectBeyond(String verb, Class<?> type, String wire, RequestSchema.Entry e) {
        Field f = e.field();
        if (Double.isNaN(f.min()) || f.flag().isEmpty()) {
            return;
        }
        boolean integer = integer(e);
        double below = integer ? f.min() - 1 : Math.nextDown(f.min());
        double above = integer ? f.max() + 1 : Math.nextUp(f.max());
        for (double v : new double[] {f.min(), f.max()}) {
            assertEquals("ok", mqtt(verb, e, v), wire + " = " + v + " over MQTT");
            assertEquals("ok", cli(verb, e, v), wire + " = " + v + " on the CLI");
        }
        for (double v : new double[] {below, above}) {
            String m = mqtt(verb, e, v);
            String c = cli(verb, e, v);
            assertTrue(m.contains("field \"" + wire + "\" must be " + e.expected()), wire + " = " + v + ": " + m);
            assertTrue(
                    f.form() == CliForm.CPU_LIST
                            ? c.contains(fmt(f.max()))
                            : c.startsWith(f.flag() + " [") && c.contains("must be " + e.expected()),
                    wire + " = " + v + " on the CLI: " + c);
        }
    }

    @Test
    void defaults_areTheSameOverMqttAndOnTheCli() throws Exception {
        Command.Bench b = (Command.Bench)
                new CommandParser(1 << 20).parse("bench", "{\"model\":\"m.tflite\"}".getBytes(StandardCharsets.UTF_8));
        BenchCommand bench = (BenchCommand) parse("bench", "m.tflite");
        assertEquals(b.params(), bench.params());
        assertEquals(BenchParams.defaults(Path.of("m.tflite")), b.params());
        Command.Compare c = (Command.Compare) new CommandParser(1 << 20)
                .parse("compare", "{\"models\":[\"m.tflite\"]}".getBytes(StandardCharsets.UTF_8));
        CompareRequest r = ((CompareCommand) parse("compare", "m.tflite")).request.request();
        assertEquals(c.template(), r.template(Path.of("m.tflite"), RequestSchema.Voice.CLI));
        assertEquals(c.agreementSeeds(), r.seeds());
        assertEquals(c.choices(), r.choices());
        assertEquals(c.tolerance(), r.toleranceOrDefault());
        assertEquals(c.minTop1(), r.minTop1OrDefault());
        assertEquals(0.0, c.template().sampleHz(), "compare's lanes interleave by default, on both paths");
    }

    /** The outcome of a request with {@code wire} = v over MQTT: "ok" or the rejection. */
    private static String mqtt(String verb, RequestSchema.Entry e, double v) {
        Map<String, Object> json = new LinkedHashMap<>(base(verb));
        json.putAll(companions(verb, e.wire()));
        json.put(
                e.wire(),
                switch (e.field().form()) {
                    case LIST, CPU_LIST -> List.of(number(e, v));
                    case NAMED_SHAPE -> Map.of("x", List.of(number(e, v)));
                    default -> number(e, v);
                });
        try {
            new CommandParser(1 << 20).parse(verb, Json.mapper().writeValueAsBytes(json));
            return "ok";
        } catch (Exception ex) {
            return ex.getMessage();
        }
    }

    /** The same through the CLI: picocli parses the flags, the command builds its params. */
    private static String cli(String verb, RequestSchema.Entry e, double v) {
        List<String> args = new ArrayList<>(List.of("m.tflite"));
        companions(verb, e.wire())
                .forEach((k, x) -> args.addAll(List.of(
                        RequestSchema.entry("bench".equals(verb) ? BenchRequest.class : CompareRequest.class, k)
                                .field()
                                .flag(),
                        x.toString())));
        String text = String.valueOf(number(e, v));
        args.addAll(List.of(e.field().flag(), e.field().form() == CliForm.NAMED_SHAPE ? "x=" + text : text));
        try {
            Object cmd = parse(verb, args.toArray(String[]::new));
            if (cmd instanceof BenchCommand b) {
                b.params();
            } else {
                ((CompareCommand) cmd).request.request().template(Path.of("m.tflite"), RequestSchema.Voice.CLI);
            }
            return "ok";
        } catch (IllegalArgumentException | CommandLine.ParameterException ex) {
            return ex.getMessage();
        }
    }

    private static Object parse(String verb, String... args) {
        List<String> all = new ArrayList<>(List.of(verb));
        all.addAll(List.of(args));
        return Main.commandLine()
                .parseArgs(all.toArray(String[]::new))
                .subcommand()
                .commandSpec()
                .userObject();
    }

    private static Map<String, Object> base(String verb) {
        return "bench".equals(verb) ? Map.of("model", "m.tflite") : Map.of("models", List.of("m.tflite"));
    }

    /** What a field needs from another to be valid on its own (BenchParams' cross-field rules). */
    private static Map<String, Object> companions(String verb, String wire) {
        return switch (wire) {
            case "min_seconds" -> Map.of("max_seconds", 3600);
            case "max_seconds" -> Map.of("min_seconds", 0);
            case "energy_accuracy_pct" -> Map.of("sample_hz", 50);
            default -> Map.of();
        };
    }

    private static Object number(RequestSchema.Entry e, double v) {
        return integer(e) ? (Object) (long) v : (Object) v;
    }

    /** Counts, dims and CPU numbers are integers: one past the bound is the next integer, not the next double. */
    private static boolean integer(RequestSchema.Entry e) {
        String t = e.component().getGenericType().getTypeName();
        return t.contains("Integer") || t.contains("Long");
    }

    /** The docs/mqtt.md row of a field: name, flag, bounds, default, what. */
    static String row(RequestSchema.Entry e) {
        Field f = e.field();
        String bounds = Double.isNaN(f.min()) ? "" : fmt(f.min()) + ".." + fmt(f.max());
        if (f.maxItems() > 0) {
            bounds += (bounds.isEmpty() ? "" : " each, ") + "at most " + f.maxItems() + " items";
        }
        String flag = f.flag().isEmpty() ? "(MQTT only)" : "`" + f.flag() + "`";
        return "| `" + e.wire() + "` | " + flag + " | " + bounds + " | " + pretty(e.dflt()) + " | " + f.doc() + " |";
    }

    private static Set<String> table(String doc, String name) {
        String marker = "<!-- schema: " + name + " -->";
        int at = doc.indexOf(marker);
        assertTrue(at >= 0, "docs/mqtt.md has no " + marker + " table");
        Set<String> rows = new LinkedHashSet<>();
        for (String line : doc.substring(at + marker.length()).strip().split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            if (line.startsWith("| `")) {
                rows.add(line.strip());
            }
        }
        return rows;
    }

    private static String pretty(String dflt) {
        return dflt.replaceAll("[\"\\[\\]]", "").replace(",", ", ");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/mqtt.md"))) {
                return p.resolve("docs/mqtt.md");
            }
        }
        throw new IllegalStateException(
                "docs/mqtt.md not found above " + Path.of("").toAbsolutePath());
    }
}

package io.edgebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the board jar (main classes only), kept acyclic and layered by the build: a cycle or an
 * upward import fails here with the offending class and line. docs/architecture.md draws the same graph.
 */
class LayeringTest {
    /**
     * Bottom to top: a layer may use any layer below it, never one above. Packages not listed (a new one) are held
     * to the cycle rule only until they are added here.
     */
    static final List<String> LAYERS = List.of(
            "json",
            "stats",
            "results",
            "wire",
            "config",
            "model",
            "runtime",
            "inputs",
            "cpu",
            "interference",
            "systemd",
            "link",
            "store",
            "resultstore",
            "telemetry",
            "doctor",
            "worker",
            "bench",
            "calibrate",
            "compare",
            "report",
            "collect",
            "homeassistant",
            "controller",
            "fleet",
            "daemon",
            "cli");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.edgebench");
    }

    @Test
    void topLevelPackages_haveNoCycles() {
        slices().matching("io.edgebench.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layers_onlyUseLayersBelow() {
        LayeredArchitecture arch =
                layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (String layer : LAYERS) {
            arch = arch.layer(layer).definedBy("io.edgebench." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new);
            arch = arch.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above);
        }
        arch = arch.whereLayer(LAYERS.get(LAYERS.size() - 1)).mayNotBeAccessedByAnyLayer();
        arch.check(classes);
    }

    /**
     * The same rule on source text (imports and qualified names): javac inlines a constant ({@code static final String}) into the class that uses
     * it, so an upward import used only for constants leaves no trace in bytecode for ArchUnit to see.
     */
    @Test
    void sourceImports_onlyUseLayersBelow() throws IOException {
        Pattern reference = Pattern.compile("\\bio\\.edgebench\\.([a-z]+)\\.");
        List<String> offenders = new ArrayList<>();
        Path root = Path.of("src/main/java/io/edgebench");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                int own = LAYERS.indexOf(root.relativize(f).getName(0).toString());
                if (own < 0) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    // string literals (a main class named for a child process) are not uses
                    String code = lines.get(i)
                            .strip()
                            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                            .replaceAll("//.*$", "");
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = reference.matcher(code);
                    while (m.find()) {
                        if (LAYERS.indexOf(m.group(1)) > own) {
                            offenders.add(root.relativize(f) + ":" + (i + 1) + " (" + LAYERS.get(own) + ") uses "
                                    + m.group(1) + ", a layer above it");
                        }
                    }
                }
            }
        }
        assertTrue(
                offenders.isEmpty(),
                "a layer may only use the layers below it (LAYERS); move the constant or type down:\n"
                        + String.join("\n", offenders));
    }

    @Test
    void picocli_onlyInCli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.edgebench.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void vendorLibraries_stayInTheirOnePackage() {
        vendorOnlyIn("org.bytedeco..", "io.edgebench.runtime.tflite..");
        vendorOnlyIn("ai.onnxruntime..", "io.edgebench.runtime.onnx..");
        vendorOnlyIn("com.pi4j..", "io.edgebench.telemetry.ina2xx..");
        // One Paho owner: the agent, the collector and the controller all go through PahoBrokerLink.
        noClasses()
                .that()
                .haveNameNotMatching("io\\.edgebench\\.link\\.PahoBrokerLink(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.eclipse.paho..")
                .check(classes);
        vendorOnlyIn("org.flywaydb..", "io.edgebench.resultstore..");
        vendorOnlyIn("org.sqlite..", "io.edgebench.resultstore..");
        vendorOnlyIn("org.postgresql..", "io.edgebench.resultstore..");
    }

    @Test
    void boardJar_carriesNoDemoNorBroker() {
        noClasses()
                .should()
                .resideInAPackage("io.edgebench.demo..")
                .orShould()
                .resideInAPackage("io.edgebench.broker..")
                .allowEmptyShould(true)
                .check(classes);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.hivemq..")
                .check(classes);
    }

    /** Messages are records in wire; nowhere else is a JSON object assembled key by key. */
    @Test
    void jsonObjects_areAssembledOnlyInWire() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.edgebench.wire..")
                .should()
                .callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.<JavaClass>owner(
                                JavaClass.Predicates.assignableTo(ObjectNode.class)))
                        .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching("put.*|set.*|remove"))))
                .orShould()
                .callMethod(ObjectMapper.class, "createObjectNode")
                .check(classes);
    }

    /**
     * Results and messages are built through builders or named factories: a constructor call passing three or more
     * {@code null} literals as arguments is what the builders replaced (a source check: bytecode keeps no trace of
     * literals).
     */
    @Test
    void constructorCalls_passAtMostTwoNullLiterals() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = Pattern.compile("\\bnew\\s+[A-Z][\\w.<>]*\\s*\\(|\\bthis\\s*\\(")
                        .matcher(src);
                while (m.find()) {
                    long nulls = topLevelArguments(arguments(src, m.end())).stream()
                            .filter("null"::equals)
                            .count();
                    if (nulls > 2) {
                        int line = (int) src.substring(0, m.start())
                                        .chars()
                                        .filter(c -> c == '\n')
                                        .count()
                                + 1;
                        offenders.add(f + ":" + line + " passes " + nulls + " nulls to " + m.group());
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "use the builder or a named factory instead:\n" + String.join("\n", offenders));
    }

    /**
     * Vocabularies live in their enums (ErrorKind, JobStatus, AgentState) and travel as enums: a string literal of
     * one of their ids elsewhere in main code is a value that escaped its type (a source check, comments skipped).
     * Ids that are also JSON field names or other words ("ok", "model", "internal", "unknown") are left out; other
     * vocabularies that share a word are listed with their reason.
     */
    @Test
    void vocabularyLiterals_liveOnlyInTheirEnums() throws IOException {
        Pattern literal = Pattern.compile(
                "\"(crash|timeout|out_of_memory|cancelled|unavailable|failed|interrupted" + "|online|busy|offline)\"");
        List<String> enums = List.of("results/ErrorKind.java", "wire/JobStatus.java", "wire/AgentState.java");
        List<String> otherVocabularies = List.of(
                "homeassistant/HaTopics.java:\"online\"", // Home Assistant's own birth payload
                "link/LinkErrors.java:\"timeout\"", // matched in JDK exception texts
                "doctor/NativesCheck.java:\"interrupted\""); // a doctor check's outcome, not a job's
        List<String> offenders = new ArrayList<>();
        Path root = Path.of("src/main/java/io/edgebench");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = root.relativize(f).toString();
                if (enums.contains(rel)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) {
                        continue;
                    }
                    Matcher m = literal.matcher(code.replaceAll("//.*$", ""));
                    while (m.find()) {
                        if (!otherVocabularies.contains(rel + ":" + m.group())) {
                            offenders.add(rel + ":" + (i + 1) + " " + m.group());
                        }
                    }
                }
            }
        }
        assertTrue(
                offenders.isEmpty(),
                "use the enum (ErrorKind, JobStatus, AgentState) instead of its id:\n" + String.join("\n", offenders));
    }

    /**
     * The arguments of a call, split at its own commas: {@code null} literals passed to a nested call or inside an
     * expression ({@code x == null ? null : y}) are not this call's literals.
     */
    private static List<String> topLevelArguments(String args) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            depth += c == '(' || c == '{' || c == '[' ? 1 : c == ')' || c == '}' || c == ']' ? -1 : 0;
            if (c == ',' && depth == 0) {
                out.add(args.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(args.substring(start).trim());
        return out;
    }

    /** The text between the parenthesis opened just before {@code from} and its matching close. */
    private static String arguments(String src, int from) {
        int depth = 1;
        int i = from;
        while (depth > 0 && i < src.length()) {
            char c = src.charAt(i++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return src.substring(from, Math.max(from, i - 1));
    }

    private static void vendorOnlyIn(String vendor, String... owners) {
        noClasses()
                .that()
                .resideOutsideOfPackages(owners)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(vendor)
                .check(classes);
    }
}

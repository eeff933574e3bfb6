package io.edgebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
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
            "json", "protocol", "config", "model", "runtime", "link", "store", "telemetry", "worker", "bench",
            "compare", "controller", "daemon", "cli");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.edgebench");
    }

    @Test
    void topLevelPackages_haveNoCycles() {
        slices().matching("io.edgebench.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layers_onlyUseLayersBelow() {
        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
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

    @Test
    void picocli_onlyInCli() {
        noClasses().that().resideOutsideOfPackage("io.edgebench.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(classes);
    }

    @Test
    void vendorLibraries_stayInTheirOnePackage() {
        vendorOnlyIn("org.bytedeco..", "io.edgebench.runtime.tflite..");
        vendorOnlyIn("ai.onnxruntime..", "io.edgebench.runtime.onnx..");
        vendorOnlyIn("com.pi4j..", "io.edgebench.telemetry.ina2xx..");
        vendorOnlyIn("org.eclipse.paho..", "io.edgebench.link..", "io.edgebench.controller..");
    }

    @Test
    void boardJar_carriesNoDemoNorBroker() {
        noClasses().should().resideInAPackage("io.edgebench.demo..").orShould().resideInAPackage("io.edgebench.broker..")
                .allowEmptyShould(true).check(classes);
        noClasses().should().dependOnClassesThat().resideInAPackage("com.hivemq..").check(classes);
    }

    private static void vendorOnlyIn(String vendor, String... owners) {
        noClasses().that().resideOutsideOfPackages(owners).should().dependOnClassesThat().resideInAPackage(vendor)
                .check(classes);
    }
}

package io.edgebench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.testkit.SharedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Inspects every model of ../shared/models (both formats) against MANIFEST.tsv; skipped when the folder is absent. */
class SharedModelsInspectTest {
    static Path folder() {
        SharedModels.present(); // says once when the folder is absent
        return SharedModels.dir();
    }

    static Stream<List<String>> rows() throws IOException {
        Path manifest = folder().resolve("MANIFEST.tsv");
        if (!Files.isRegularFile(manifest)) {
            return Stream.of(List.of()); // one skipped case rather than none
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)
                .subList(1, Files.readAllLines(manifest).size())) {
            rows.add(List.of(line.split("\t")));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void inspect_matchesManifest(List<String> row) {
        assumeTrue(!row.isEmpty(), "no MANIFEST.tsv under " + folder().toAbsolutePath());
        ModelInspection m = ModelInspector.inspect(folder().resolve(row.get(1)));
        String notes = row.get(10);
        assertEquals(row.get(2), m.format().id());
        assertEquals(Long.parseLong(row.get(3)), m.sizeBytes());
        assertEquals(row.get(4), m.sha256());
        assertEquals(notes.contains("EDGETPU-COMPILED"), m.edgetpuCompiled());
        Matcher ops = Pattern.compile("(?:ops|nodes)=(\\d+)").matcher(notes);
        assumeTrue(ops.find(), "manifest row has no op count");
        assertEquals(Integer.parseInt(ops.group(1)), m.totalOps());
        Matcher custom = Pattern.compile("custom_ops=(\\S+)").matcher(notes);
        List<String> expected = custom.find() && !custom.group(1).equals("none") ? List.of(custom.group(1)) : List.of();
        assertEquals(expected, m.customOps());
    }
}

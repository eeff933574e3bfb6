package io.edgebench.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import io.edgebench.testkit.CliInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files whose headers claim far more than they hold are refused before anything that size is allocated. */
class HugeInputsTest {

    @Test
    void png16000Square_isRefusedFromItsHeader_namingTheFile(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("huge.png"), TestFiles.pngClaiming(16_000, 16_000));
        assertTrue(Files.size(png) < 200, "a few bytes on disk: " + Files.size(png));
        List<Long> shape = List.of(1L, 32L, 32L, 3L);
        TensorInfo t = new TensorInfo("input", DType.FLOAT32, shape, null, null);
        InputPlan plan = CliInputs.plan(List.of(png.toString()), List.of(), List.of(), List.of());
        InputException e =
                assertThrows(InputException.class, () -> new InputLoader(plan, List.of(t), 1).load(0, shape));
        assertEquals(
                "Input [input] image [huge.png] is 16000 x 16000 pixels by its header; at most 67108864 pixels"
                        + " (8192 x 8192) are decoded. Resize it first: the model takes it resized anyway",
                e.getMessage());
    }

    @Test
    void npyClaiming2To40Elements_isRefusedBeforeAllocation() throws Exception {
        Path f = Files.createTempFile("claim", ".npy");
        try {
            TestFiles.npy(f, "<f4", List.of(1L << 40), new byte[16]);
            InputException e = assertThrows(
                    InputException.class, () -> NpyArray.parse("Reference file [claim.npy]", Files.readAllBytes(f)));
            assertEquals(
                    "Reference file [claim.npy] declares shape [1099511627776] of <f4 (4398046511104 bytes) but"
                            + " holds 16 bytes of data",
                    e.getMessage());
            TestFiles.npy(f, "<f4", List.of(1L << 40, 1L << 40), new byte[0]);
            InputException wrap =
                    assertThrows(InputException.class, () -> NpyArray.parse("x.npy", Files.readAllBytes(f)));
            assertEquals(
                    "x.npy declares shape [1099511627776, 1099511627776], more elements than any array holds",
                    wrap.getMessage());
        } finally {
            Files.delete(f);
        }
    }
}

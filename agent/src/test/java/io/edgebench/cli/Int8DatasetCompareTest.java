package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.ModelInspector;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.forge.ChannelClassifier;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --dataset end to end on a float classifier and its int8 twin ({@link ChannelClassifier#writeInt8}), every answer
 * known by construction. The int8 output's step is exactly three input steps, so a red one pixel level below its
 * green, placed mid-step, gets the same int8 code as the green whichever way the runtime rounds the input's
 * half-level: a tie, which top-1 gives to the lower class, red. In float the green wins. Every other image keeps a
 * margin of at least six output codes and is classified alike by both.
 */
@Timeout(600)
class Int8DatasetCompareTest {
    /** Red 157, green 158: input codes 29 or 30 and 30 or 31, every one output code zero point + round(q / 3) = 10. */
    private static final int[] NEAR = {157, 158, 60};

    private static final int SOLID = 12;
    /** A red filed as blue: wrong for both. */
    private static final int MISFILED = 1;
    /** Green 18 to 20 levels above red (red jittered): at least 6 output codes apart, the same class in int8. */
    private static final int CLOSE = 3;
    /** Near images filed as green: right in float, wrong in int8. */
    private static final int FLOAT_ONLY = 8;
    /** The near image filed as red: wrong in float, right in int8. */
    private static final int INT8_ONLY = 1;

    private static final int IMAGES = SOLID + CLOSE + FLOAT_ONLY + INT8_ONLY;
    private static final int FLOAT_TOP1 = IMAGES - MISFILED - INT8_ONLY;
    private static final int INT8_TOP1 = IMAGES - MISFILED - FLOAT_ONLY;

    @TempDir
    static Path dir;

    @Test
    void int8TwinLosesExactlyTheNearTies_andThePairedDifferenceIsInsideItsInterval() throws Exception {
        Path models = dir.resolve("models");
        Path a = ChannelClassifier.write(models, "a", LabelledSetFixture.SIZE, new float[3])
                .get(0);
        List<Path> a8 = ChannelClassifier.writeInt8(models, "a_int8", LabelledSetFixture.SIZE, new float[3]);
        TensorInfo in = ModelInspector.inspect(a8.get(0)).inputs().get(0);
        TensorInfo out8 = ModelInspector.inspect(a8.get(0)).outputs().get(0);
        // the premise of the ties: calibrated on [-1, 1] with logits 3..5 at -5, the output spans [-5, 1]
        assertEquals(2 / 255.0, in.quantization().scale(), 1e-7);
        assertEquals(6 / 255.0, out8.quantization().scale(), 1e-7);
        Path set = set();

        Path json = dir.resolve("accuracy.json");
        StringWriter out = new StringWriter();
        // float and int8 outputs differ by up to half a step on every image, the ties by more: the fixture's
        // compare does not check agreement
        int code = LabelledSetFixture.compare(List.of(a, a8.get(0), a8.get(1)), set, json, out);
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode acc = Json.mapper().readTree(json.toFile()).get("accuracy");
        assertEquals(IMAGES, acc.get("images").asInt());
        JsonNode lanes = acc.get("lanes");
        assertEquals(3, lanes.size(), acc.toString());
        int[] expected = {FLOAT_TOP1, INT8_TOP1, INT8_TOP1};
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    expected[i],
                    lanes.get(i).get("top1").get("correct").asInt(),
                    lanes.get(i).toString());
        }
        JsonNode pairs = acc.get("pairs");
        assertEquals(3, pairs.size(), acc.toString());
        for (JsonNode floatInt8 : List.of(pairs.get(0), pairs.get(1))) {
            assertEquals(FLOAT_ONLY, floatInt8.get("table").get("only_a").asInt(), floatInt8.toString());
            assertEquals(INT8_ONLY, floatInt8.get("table").get("only_b").asInt(), floatInt8.toString());
            double truth = (FLOAT_ONLY - INT8_ONLY) / (double) IMAGES;
            assertEquals(truth, floatInt8.get("difference").asDouble(), 1e-12);
            double low = floatInt8.get("difference_ci").get("low").asDouble();
            double high = floatInt8.get("difference_ci").get("high").asDouble();
            assertTrue(low < truth && truth < high, floatInt8.toString());
            // 8 vs 1 of 9 discordant: 2 * (1 + 9) / 2^9
            assertEquals(20.0 / 512, floatInt8.get("mcnemar_p").asDouble(), 1e-9, floatInt8.toString());
            assertEquals("a_better", floatInt8.get("outcome").asText(), "7 of 24 ahead, p < 0.05: " + floatInt8);
        }
        JsonNode twins = pairs.get(2); // a_int8.tflite against a_int8.onnx: the same integers in two runtimes
        assertEquals("same_on_all", twins.get("outcome").asText(), twins.toString());
        assertTrue(
                out.toString()
                        .contains("a_int8.onnx onnx:cpu loses 29.2 points of top-1 against a.tflite tflite:cpu (95 %"
                                + " CI 5.2 to 49.9), McNemar exact p = 0.039 (8 vs 1 discordant)"),
                out.toString());
    }

    private static Path set() throws Exception {
        Path set = Files.createDirectories(dir.resolve("set"));
        Files.writeString(set.resolve("labels.txt"), "red\ngreen\nblue\nunused3\nunused4\nunused5\n");
        int k = 0;
        for (int i = 0; i < SOLID / 3; i++) {
            png(set, i < MISFILED ? "blue" : "red", k++, LabelledSetFixture.RED, k % 3);
            png(set, "green", k++, LabelledSetFixture.GREEN, k % 3);
            png(set, "blue", k++, LabelledSetFixture.BLUE, k % 3);
        }
        for (int i = 0; i < CLOSE; i++) {
            png(set, "green", k++, LabelledSetFixture.CLOSE_GREEN, k % 3);
        }
        for (int i = 0; i < FLOAT_ONLY + INT8_ONLY; i++) {
            // the files differ in blue, far below both: red and green must stay exactly one level apart
            int[] near = {NEAR[0], NEAR[1], NEAR[2] + i};
            png(set, i < INT8_ONLY ? "red" : "green", k++, near, 0);
        }
        assertEquals(IMAGES, k);
        return set;
    }

    private static void png(Path set, String folder, int k, int[] rgb, int jitter) throws Exception {
        LabelledSetFixture.png(set.resolve(folder).resolve(String.format("img%03d.png", k)), rgb, jitter);
    }
}

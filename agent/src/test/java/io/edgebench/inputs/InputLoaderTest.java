package io.edgebench.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import io.edgebench.testkit.CliInputs;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLoaderTest {
    private static final List<Long> NHWC = List.of(1L, 6L, 5L, 3L);
    private static final List<Long> NCHW = List.of(1L, 3L, 6L, 5L);

    @TempDir
    Path dir;

    private static TensorInfo tensor(String name, DType t, List<Long> shape, Quantization q) {
        return new TensorInfo(name, t, shape, null, q);
    }

    private static InputPlan plan(String... inputs) {
        return CliInputs.plan(List.of(inputs), List.of(), List.of(), List.of());
    }

    @Test
    void image_matchesTheSameValuesInEitherLayout() throws Exception {
        Path png = TestFiles.png(dir.resolve("p.png"), 5, 6, 1);
        for (List<Long> shape : List.of(NHWC, NCHW)) {
            TensorInfo t = tensor("input", DType.FLOAT32, shape, null);
            InputLoader.Loaded l = new InputLoader(plan(png.toString()), List.of(t), 1).load(0, shape);
            float[] expected = TestFiles.pattern(5, 6, 1, shape == NCHW, 127.5, 127.5);
            assertArrayEquals(expected, l.real(), 0f, "layout " + shape);
            assertEquals("image", l.use().kind());
            assertEquals(shape == NCHW ? "NCHW" : "NHWC", l.use().layout());
            assertEquals(64, l.use().sha256().length());
        }
    }

    @Test
    void imageScale_andRawPixelsForUnquantizedIntegers() throws Exception {
        Path png = TestFiles.png(dir.resolve("p.png"), 5, 6, 2);
        TensorInfo f = tensor("x", DType.FLOAT32, NHWC, null);
        InputPlan scaled = CliInputs.plan(List.of("x=" + png), List.of(), List.of(), List.of("x=0,255"));
        assertArrayEquals(
                TestFiles.pattern(5, 6, 2, false, 0, 255),
                new InputLoader(scaled, List.of(f), 1).load(0, NHWC).real(),
                0f);
        TensorInfo u8 = tensor("x", DType.UINT8, NHWC, null);
        assertArrayEquals(
                TestFiles.pattern(5, 6, 2, false, 0, 1),
                new InputLoader(plan(png.toString()), List.of(u8), 1)
                        .load(0, NHWC)
                        .real(),
                0f);
    }

    @Test
    void npy_isPassedThroughAsRawBytes() throws Exception {
        float[] v = TestFiles.pattern(5, 6, 3, false, 127.5, 127.5);
        Path npy = TestFiles.npy(dir.resolve("a.npy"), "<f4", NHWC, TestFiles.floats(v));
        InputLoader.Loaded l = new InputLoader(
                        plan("input=" + npy), List.of(tensor("input", DType.FLOAT32, NHWC, null)), 1)
                .load(0, NHWC);
        assertNull(l.real());
        float[] back = new float[v.length];
        l.raw().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(back);
        assertArrayEquals(v, back, 0f);
        assertEquals("a.npy", l.use().file());
    }

    @Test
    void npy_wrongShapeOrDtype_namesInputValueAndExpectation() throws Exception {
        Path npy = TestFiles.npy(dir.resolve("a.npy"), "<f8", List.of(2L), new byte[16]);
        TensorInfo t = tensor("input", DType.FLOAT32, List.of(2L), null);
        InputException dtype = assertThrows(
                InputException.class, () -> new InputLoader(plan("input=" + npy), List.of(t), 1).load(0, List.of(2L)));
        assertEquals(
                "Input [input] file [a.npy] holds <f8 (no tensor type) values; the tensor takes float32."
                        + " Hint: numpy.save(f, a.astype(numpy.float32))",
                dtype.getMessage());
        Path three = TestFiles.npy(dir.resolve("b.npy"), "<f4", List.of(3L), new byte[12]);
        InputException shape = assertThrows(
                InputException.class,
                () -> new InputLoader(plan("input=" + three), List.of(t), 1).load(0, List.of(2L)));
        assertEquals("Input [input] file [b.npy] has shape [3]; the tensor takes [2] (float32)", shape.getMessage());
    }

    @Test
    void unreadableImage_wrongBinLength_unknownName_unnamedWithSeveralInputs() throws Exception {
        Path bad = Files.writeString(dir.resolve("broken.png"), "not a png");
        TensorInfo t = tensor("input", DType.FLOAT32, NHWC, null);
        InputException img = assertThrows(
                InputException.class, () -> new InputLoader(plan(bad.toString()), List.of(t), 1).load(0, NHWC));
        assertTrue(
                img.getMessage().startsWith("Input [input] image [broken.png] is not a readable image (9 bytes"),
                img.getMessage());
        Path bin = Files.write(dir.resolve("x.bin"), new byte[7]);
        InputException raw = assertThrows(
                InputException.class, () -> new InputLoader(plan("input=" + bin), List.of(t), 1).load(0, NHWC));
        assertEquals(
                "Input [input] file [x.bin] holds 7 bytes; the tensor takes 360 (float32 [1, 6, 5, 3], 90"
                        + " elements of 4 bytes, little-endian)",
                raw.getMessage());
        InputException name =
                assertThrows(InputException.class, () -> new InputLoader(plan("imgae=" + bin), List.of(t), 1));
        assertEquals(
                "--input imgae=" + bin + " names input [imgae], which this model does not have; its inputs are"
                        + " [input]",
                name.getMessage());
        TensorInfo sr = tensor("sr", DType.INT64, List.of(), null);
        InputException unnamed =
                assertThrows(InputException.class, () -> new InputLoader(plan(bin.toString()), List.of(t, sr), 1));
        assertTrue(
                unnamed.getMessage().contains("but this model has 2 inputs [input, sr]; name one: --input input="),
                unnamed.getMessage());
    }

    @Test
    void valueAndRange_int64ExactAndQuantizedAsReal() {
        TensorInfo sr = tensor("sr", DType.INT64, List.of(), null);
        InputPlan p = CliInputs.plan(List.of(), List.of("sr=16000"), List.of(), List.of());
        InputLoader.Loaded l = new InputLoader(p, List.of(sr), 1).load(0, List.of());
        assertEquals(16000L, l.raw().duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertEquals(16000.0, l.use().value());
        TensorInfo q = tensor("x", DType.UINT8, List.of(1L, 100L), new Quantization(0.5, 10));
        InputPlan r = CliInputs.plan(List.of(), List.of(), List.of("x=-2,3"), List.of());
        float[] v = new InputLoader(r, List.of(q), 7).load(0, List.of(1L, 100L)).real();
        for (float f : v) {
            assertTrue(f >= -2 && f <= 3, "value " + f);
        }
        assertEquals(
                "range",
                new InputLoader(r, List.of(q), 7)
                        .load(0, List.of(1L, 100L))
                        .use()
                        .kind());
    }

    @Test
    void directory_sampleKIsTheKthFileByName() throws Exception {
        Path d = Files.createDirectory(dir.resolve("imgs"));
        TestFiles.png(d.resolve("b.png"), 5, 6, 2);
        TestFiles.png(d.resolve("a.png"), 5, 6, 1);
        TensorInfo t = tensor("input", DType.FLOAT32, NHWC, null);
        InputPlan p = plan(d.toString());
        assertEquals(2, InputFiles.directorySamples(p));
        assertArrayEquals(
                TestFiles.pattern(5, 6, 2, false, 127.5, 127.5),
                new InputLoader(p, List.of(t), 2).load(0, NHWC).real(),
                0f);
        assertEquals(
                "a.png", new InputLoader(p, List.of(t), 1).load(0, NHWC).use().file());
        InputException past = assertThrows(InputException.class, () -> new InputLoader(p, List.of(t), 3).load(0, NHWC));
        assertTrue(past.getMessage().contains("holds 2 files; sample [3] must be 1..2"), past.getMessage());
    }
}

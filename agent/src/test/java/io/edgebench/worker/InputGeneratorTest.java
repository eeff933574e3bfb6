package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputGeneratorTest {
    private static TensorInfo tensor(DType t, Quantization q, Long... shape) {
        return new TensorInfo("x", t, List.of(shape), null, q);
    }

    @Test
    void values_sameSeed_sameValues_otherSeedOrIndex_differ() {
        TensorInfo t = tensor(DType.FLOAT32, null, 1L, 8L, 8L, 3L);
        float[] a = new InputGenerator(7).values(0, t, t.shape());
        assertArrayEquals(a, new InputGenerator(7).values(0, t, t.shape()));
        assertFalse(Arrays.equals(a, new InputGenerator(8).values(0, t, t.shape())));
        assertFalse(Arrays.equals(a, new InputGenerator(7).values(1, t, t.shape())));
    }

    @Test
    void values_float32_uniformInMinusOneToOne() {
        TensorInfo t = tensor(DType.FLOAT32, null, 10_000L);
        float[] v = new InputGenerator(1).values(0, t, t.shape());
        double min = 1, max = -1, sum = 0;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
            sum += f;
        }
        assertTrue(min >= -1 && min < -0.99, "min " + min);
        assertTrue(max <= 1 && max > 0.99, "max " + max);
        assertEquals(0, sum / v.length, 0.03);
    }

    @Test
    void values_quantizedUint8_spanTheRealRangeOfTheIntegerType() {
        // mobilenet_v1 quant input: scale 1/128, zero point 128 -> real range [-1, 0.9921875]
        TensorInfo t = tensor(DType.UINT8, new Quantization(0.0078125, 128), 10_000L);
        float[] v = new InputGenerator(1).values(0, t, t.shape());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertTrue(min >= -1.0f && min < -0.98f, "min " + min);
        assertTrue(max <= 0.9921875f && max > 0.97f, "max " + max);
    }

    @Test
    void values_plainIntegers_wholeNumbersInTheirRange() {
        TensorInfo u8 = tensor(DType.UINT8, null, 5_000L);
        TensorInfo i8 = tensor(DType.INT8, null, 5_000L);
        for (float f : new InputGenerator(3).values(0, u8, u8.shape())) {
            assertTrue(f == Math.rint(f) && f >= 0 && f <= 255, "uint8 value " + f);
        }
        float min = 0;
        for (float f : new InputGenerator(3).values(0, i8, i8.shape())) {
            assertTrue(f == Math.rint(f) && f >= -128 && f <= 127, "int8 value " + f);
            min = Math.min(min, f);
        }
        assertEquals(-128, min);
    }

    @Test
    void values_nchwInput_isTheNhwcImageTransposed() {
        TensorInfo nhwc = tensor(DType.FLOAT32, null, 1L, 6L, 5L, 3L);
        TensorInfo nchw = tensor(DType.FLOAT32, null, 1L, 3L, 6L, 5L);
        float[] a = new InputGenerator(9).values(0, nhwc, nhwc.shape());
        float[] b = new InputGenerator(9).values(0, nchw, nchw.shape());
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(a[(y * 5 + x) * 3 + c], b[(c * 6 + y) * 5 + x], "pixel " + y + "," + x + "," + c);
                }
            }
        }
    }

    @Test
    void looksNchw_channelsFirstOnly() {
        assertTrue(InputGenerator.looksNchw(List.of(1L, 3L, 224L, 224L)));
        assertFalse(InputGenerator.looksNchw(List.of(1L, 224L, 224L, 3L)));
        assertFalse(InputGenerator.looksNchw(List.of(1L, 3L, 224L)));
    }

    @Test
    void values_stringInput_rejectedWithTheName() {
        TensorInfo t = new TensorInfo("text", DType.STRING, List.of(1L), null, null);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new InputGenerator(1).values(0, t, t.shape()));
        assertTrue(e.getMessage().contains("[text]") && e.getMessage().contains("string"), e.getMessage());
    }
}

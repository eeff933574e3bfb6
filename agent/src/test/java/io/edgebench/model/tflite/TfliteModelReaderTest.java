package io.edgebench.model.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.json.Json;
import io.edgebench.model.DType;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.tflite.TinyTfliteModels.Spec;
import io.edgebench.testkit.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TfliteModelReaderTest {
    private static final Path SHARED = SharedModels.dir();

    @Test
    void tinyAdd_readsIoAndOps() {
        TfliteInspection m = TfliteModelReader.read("add.tflite", TinyTfliteModels.bytes(Spec.addUint8(0.5f, 10)));
        assertEquals(3, m.schemaVersion());
        assertEquals("tiny add uint8", m.description());
        assertEquals(1, m.subgraphCount());
        assertEquals(1, m.operatorCount());
        assertEquals(Map.of("ADD", 1), m.opCounts());
        assertEquals(List.of(), m.customOps());
        assertFalse(m.edgetpuCompiled());
        TensorInfo x = m.inputs().get(0);
        assertEquals("x", x.name());
        assertEquals(DType.UINT8, x.dtype());
        assertEquals(List.of(1L, 4L), x.shape());
        assertEquals(0.5, x.quantization().scale(), 1e-9);
        assertEquals(10, x.quantization().zeroPoint());
        assertEquals("y", m.outputs().get(0).name());
    }

    @Test
    void dynamicBatch_comesFromShapeSignature() {
        TfliteInspection m = TfliteModelReader.read("d.tflite", TinyTfliteModels.bytes(Spec.addFloatDynamicBatch()));
        assertEquals(List.of(-1L, 4L), m.inputs().get(0).shape());
        assertTrue(m.inputs().get(0).isDynamic());
        assertNull(m.inputs().get(0).quantization());
    }

    @Test
    void edgetpuCustomOp_isListedAndFlagged() {
        TfliteInspection m =
                TfliteModelReader.read("e.tflite", TinyTfliteModels.bytes(Spec.custom("edgetpu-custom-op")));
        assertEquals(Map.of("edgetpu-custom-op", 1), m.opCounts());
        assertEquals(List.of("edgetpu-custom-op"), m.customOps());
        assertTrue(m.edgetpuCompiled());
    }

    @Test
    void json_isSnakeCase() throws Exception {
        String json = Json.mapper()
                .writeValueAsString(
                        TfliteModelReader.read("e.tflite", TinyTfliteModels.bytes(Spec.custom("edgetpu-custom-op"))));
        assertTrue(json.contains("\"edgetpu_compiled\":true"), json);
        assertTrue(json.contains("\"op_counts\":{\"edgetpu-custom-op\":1}"), json);
        assertTrue(json.contains("\"custom_ops\":[\"edgetpu-custom-op\"]"), json);
        assertTrue(json.contains("\"subgraph_count\":1"), json);
    }

    @Test
    void notTfl3_isRejectedWithTeachingMessage() {
        ModelLoadException e = assertThrows(
                ModelLoadException.class,
                () -> TfliteModelReader.read("x.tflite", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0}));
        assertEquals(
                "Model [x.tflite] is not a TFLite flatbuffer (no \"TFL3\" identifier; is it a zip?).", e.getMessage());
    }

    @Test
    void everyTruncation_givesModelLoadExceptionOrAResult() {
        byte[] model = TinyTfliteModels.bytes(Spec.addUint8(0.5f, 10));
        for (int length = 0; length < model.length; length++) {
            readOrReject(Arrays.copyOf(model, length));
        }
    }

    @Test
    void randomCorruption_neverEscapesAsAnotherException() {
        byte[] model = TinyTfliteModels.bytes(Spec.custom("MyOp"));
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            byte[] copy = model.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                copy[8 + random.nextInt(copy.length - 8)] = (byte) random.nextInt(256);
            }
            readOrReject(copy);
        }
    }

    private static void readOrReject(byte[] bytes) {
        try {
            TfliteModelReader.read("fuzz.tflite", bytes);
        } catch (ModelLoadException expected) {
            assertTrue(expected.getMessage().startsWith("Model [fuzz.tflite] "), expected.getMessage());
        }
    }

    /** ops=N and custom_ops=... from MANIFEST.tsv notes, for every .tflite row present. */
    @Test
    void sharedModels_opCountsMatchManifest() throws Exception {
        Path manifest = SHARED.resolve("MANIFEST.tsv");
        assumeTrue(SharedModels.present() && Files.isRegularFile(manifest), "no " + manifest);
        Pattern ops = Pattern.compile("ops=(\\d+) custom_ops=(\\S+)");
        Map<String, String> checked = new HashMap<>();
        for (String line : Files.readAllLines(manifest)) {
            String[] cols = line.split("\t");
            Matcher m = ops.matcher(line);
            if (cols.length < 3 || !cols[2].equals("tflite") || !m.find()) {
                continue;
            }
            TfliteInspection info = TfliteModelReader.read(SHARED.resolve(cols[1]));
            assertEquals(Integer.parseInt(m.group(1)), info.operatorCount(), cols[1]);
            List<String> custom =
                    m.group(2).equals("none") ? List.of() : List.of(m.group(2).split(","));
            assertEquals(custom, info.customOps(), cols[1]);
            assertEquals(cols[1].endsWith("_edgetpu.tflite"), info.edgetpuCompiled(), cols[1]);
            checked.put(cols[1], m.group(1));
        }
        assertEquals("31", checked.get("mobilenet_v1_0.25_128_quant.tflite"));
        assertEquals("164", checked.get("face_detection_short_range.tflite"));
    }

    @Test
    void sharedMobilenet_opNamesAndIo() throws Exception {
        Path file = SHARED.resolve("mobilenet_v1_0.25_128_quant.tflite");
        assumeTrue(Files.isRegularFile(file), "no " + file);
        TfliteInspection m = TfliteModelReader.read(file);
        assertEquals(13, m.opCounts().get("DEPTHWISE_CONV_2D"));
        assertEquals(15, m.opCounts().get("CONV_2D"));
        TensorInfo in = m.inputs().get(0);
        assertEquals(List.of(1L, 128L, 128L, 3L), in.shape());
        assertEquals(DType.UINT8, in.dtype());
        assertEquals(128, in.quantization().zeroPoint());
        assertEquals(List.of(1L, 1001L), m.outputs().get(0).shape());
    }
}

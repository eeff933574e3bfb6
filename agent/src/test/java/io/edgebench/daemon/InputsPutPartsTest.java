package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.cli.Main;
import io.edgebench.inputs.NpyArray;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.wire.CommandParser;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: a normal 602 KB .npy (float32 1x3x224x224, larger than one part and the packet budget) goes through
 * `edgebench send inputs/put file=...` in parts, over real mosquitto, and lands whole in the agent's inputs dir.
 */
class InputsPutPartsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void npyOf602KB_uploadsInParts_andLandsWhole() throws Exception {
        byte[] npy = npyFloat32(1, 3, 224, 224);
        assertTrue(npy.length > CommandParser.MAX_PART_BYTES && npy.length > 600_000, "larger than one part");
        Path file = Files.write(tmp.resolve("cat.npy"), npy);
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
                AgentKit.Running a = AgentKit.start(
                                broker.url(),
                                "inp1",
                                tmp.resolve("data"),
                                new TestExecutor(true),
                                AgentKit.Options.defaults())
                        .awaitConnected(WAIT)) {
            int code = Main.run(
                    "send",
                    "--broker",
                    broker.url(),
                    "--device",
                    "inp1",
                    "--timeout",
                    "30",
                    "inputs/put",
                    "file=" + file);
            assertEquals(0, code, "send inputs/put exit code; agent log:\n" + a.logText());
            Path inputs = InputStore.dirFor(a.config.modelsDir());
            assertArrayEquals(npy, Files.readAllBytes(inputs.resolve("cat.npy")));
            assertEquals(
                    List.of(1L, 3L, 224L, 224L), NpyArray.parse("cat.npy", npy).shape());
            try (var s = Files.list(inputs)) {
                assertEquals(
                        List.of("cat.npy"),
                        s.map(p -> p.getFileName().toString()).toList(),
                        "no partial file left behind");
            }
        }
    }

    /** A version 1.0 .npy of little-endian float32 values 0, 1, 2, ... in C order. */
    private static byte[] npyFloat32(int... shape) throws Exception {
        int n = 1;
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            n *= d;
            dims.append(d).append(", ");
        }
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': ("
                + dims.toString().strip() + "), }";
        int unpadded = 10 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            data.putFloat(i % 256);
        }
        out.write(data.array());
        return out.toByteArray();
    }
}

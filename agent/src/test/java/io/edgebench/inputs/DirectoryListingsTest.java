package io.edgebench.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.InputPlan;
import io.edgebench.testkit.CliInputs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker feeds sample k of a directory as its k-th file: the loaders of many samples share one listing, so a
 * directory of N files is listed once, not N times (N² entries read), with the same files and errors as before.
 */
class DirectoryListingsTest {
    private static final TensorInfo INT = new TensorInfo("x", DType.INT32, List.of(1L), null, null);

    @TempDir
    Path dir;

    private static InputPlan plan(Path input) {
        return CliInputs.plan(List.of(input.toString()), List.of(), List.of(), List.of());
    }

    private static void bin(Path file, int value) throws Exception {
        Files.write(
                file,
                ByteBuffer.allocate(4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(value)
                        .array());
    }

    @Test
    void twoThousandSamples_oneListing_eachSampleItsOwnFile() throws Exception {
        int n = 2_000;
        Path d = Files.createDirectory(dir.resolve("bins"));
        for (int k = n; k >= 1; k--) { // written in reverse: the order is by name, not by creation
            bin(d.resolve(String.format("%04d.bin", k)), k);
        }
        bin(d.resolve(".0000.bin"), -1); // hidden: left out, so it is no sample 1
        CountedListings counted = new CountedListings();
        for (int k = 1; k <= n; k++) {
            InputLoader.Loaded l = new InputLoader(plan(d), List.of(INT), k, counted.listings).load(0, List.of(1L));
            assertEquals(String.format("%04d.bin", k), l.use().file());
            assertEquals(k, l.raw().getInt(0), "sample " + k);
        }
        assertEquals(1, counted.listed());
        InputException past = assertThrows(
                InputException.class,
                () -> new InputLoader(plan(d), List.of(INT), n + 1, counted.listings).load(0, List.of(1L)));
        assertTrue(past.getMessage().contains("holds 2000 files; sample [2001] must be 1..2000"), past.getMessage());
        assertEquals(1, counted.listed());
    }

    @Test
    void classFolders_oneListing_samplesNamedWithTheirFolder() throws Exception {
        Path set = Files.createDirectory(dir.resolve("set"));
        Files.createDirectories(set.resolve("0"));
        Files.createDirectories(set.resolve("1"));
        bin(set.resolve("0/b.bin"), 2);
        bin(set.resolve("0/a.bin"), 1);
        bin(set.resolve("1/a.bin"), 3);
        CountedListings counted = new CountedListings();
        List<String> files = List.of("0/a.bin", "0/b.bin", "1/a.bin");
        for (int k = 1; k <= files.size(); k++) {
            InputLoader.Loaded l = new InputLoader(plan(set), List.of(INT), k, counted.listings).load(0, List.of(1L));
            assertEquals(files.get(k - 1), l.use().file());
            assertEquals(k, l.raw().getInt(0));
        }
        assertEquals(1, counted.listed());
    }

    @Test
    void aListingThatFails_isNotKept_everySampleFailsAlike() throws Exception {
        Path set = Files.createDirectory(dir.resolve("set"));
        Files.createDirectories(set.resolve("0"));
        bin(set.resolve("0/a.bin"), 1);
        bin(dir.resolve("secret.bin"), 9);
        Files.createSymbolicLink(set.resolve("0/b.bin"), dir.resolve("secret.bin"));
        CountedListings counted = new CountedListings();
        for (int k = 1; k <= 2; k++) {
            int sample = k;
            InputException e = assertThrows(
                    InputException.class,
                    () -> new InputLoader(plan(set), List.of(INT), sample, counted.listings).load(0, List.of(1L)));
            assertTrue(e.getMessage().contains("0/b.bin] is a symbolic link in a labelled set"), e.getMessage());
        }
        assertEquals(2, counted.listed());
    }
}

package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.wire.Command;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sets/put on disk: confined (links, a file where a folder must be), bounded before writing, listed, deleted. */
class SetStoreTest {
    @TempDir
    Path tmp;

    private static Command.SetsPut part(String set, String path, byte[] data) {
        return new Command.SetsPut(
                set, path, new Command.ModelsPut(set + "/" + path, data.length, ModelStore.sha256(data), 0, data));
    }

    private SetStore store() throws Exception {
        return new SetStore(tmp.resolve("sets"), 1L << 30);
    }

    @Test
    void filesLandInTheirPlace_areListedWithTheirBytes_andASetIsDeletedWhole() throws Exception {
        SetStore s = store();
        byte[] png = {1, 2, 3, 4};
        assertEquals(4, s.put(part("flowers", "daisy/001.png", png)));
        s.put(part("flowers", "labels.txt", "daisy\n".getBytes()));
        assertArrayEquals(png, Files.readAllBytes(tmp.resolve("sets/flowers/daisy/001.png")));
        assertEquals(List.of(new SetStore.Entry("flowers", 2, 10)), s.list());
        s.put(part("flowers", "daisy/001.png", new byte[] {9})); // replaced, not counted twice
        assertEquals(List.of(new SetStore.Entry("flowers", 2, 7)), s.list());
        assertEquals(tmp.resolve("sets/flowers"), s.resolve(Topics.COMPARE, "dataset", "flowers"));

        s.delete("flowers");
        assertEquals(List.of(), s.list());
        CommandRejectedException gone =
                assertThrows(CommandRejectedException.class, () -> s.resolve(Topics.COMPARE, "dataset", "flowers"));
        assertEquals(Topics.ERR_NOT_FOUND, gone.code());
        assertTrue(gone.getMessage().contains("field \"dataset\" names set [flowers], which is not on the agent"));
    }

    @Test
    void aSymbolicLinkOnTheWay_isRefused_andNothingIsWrittenThroughIt() throws Exception {
        SetStore s = store();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(tmp.resolve("sets/flowers"));
        Files.createSymbolicLink(tmp.resolve("sets/flowers/daisy"), outside);
        CommandRejectedException e = assertThrows(
                CommandRejectedException.class, () -> s.put(part("flowers", "daisy/001.png", new byte[] {1})));
        assertTrue(
                e.getMessage().contains("[flowers/daisy] is a symbolic link in the agent's sets dir"), e.getMessage());
        try (var files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
        Files.createSymbolicLink(tmp.resolve("sets/linked"), outside);
        assertThrows(CommandRejectedException.class, () -> s.resolve(Topics.COMPARE, "reference", "linked"));
    }

    @Test
    void aFileWhereAFolderMustBe_isTheRequestsMistake() throws Exception {
        SetStore s = store();
        s.put(part("flowers", "daisy", new byte[] {1}));
        CommandRejectedException e = assertThrows(
                CommandRejectedException.class, () -> s.put(part("flowers", "daisy/001.png", new byte[] {1})));
        assertEquals(Topics.ERR_BAD_REQUEST, e.code());
        assertTrue(
                e.getMessage().contains("[flowers/daisy] is a file in the set, so it cannot hold [daisy/001.png]"),
                e.getMessage());
    }

    @Test
    void boundsAreCheckedBeforeANewFilesFirstByte() throws Exception {
        SetStore s = new SetStore(tmp.resolve("sets"), 100);
        CommandRejectedException big = assertThrows(
                CommandRejectedException.class,
                () -> s.put(new Command.SetsPut(
                        "a", "x.png", new Command.ModelsPut("a/x.png", 101, "0".repeat(64), 0, new byte[] {1}))));
        assertTrue(big.getMessage().contains("declares size_bytes [101], at most 100 per file of a set"));
        assertFalse(Files.exists(tmp.resolve("sets/a/x.png")));

        for (int k = 0; k < SetStore.MAX_SETS; k++) {
            s.put(part("set" + k, "x.png", new byte[] {1}));
        }
        CommandRejectedException many =
                assertThrows(CommandRejectedException.class, () -> s.put(part("one-more", "x.png", new byte[] {1})));
        assertTrue(many.getMessage().contains("holds " + SetStore.MAX_SETS + " sets already"), many.getMessage());
        assertFalse(Files.exists(tmp.resolve("sets/one-more")));

        // a set at its file count, as an earlier agent or a copy by hand left it: the next new file is refused
        Path full = Files.createDirectories(tmp.resolve("sets/set0/0"));
        for (int k = 1; k < SetStore.MAX_FILES_PER_SET; k++) {
            Files.createFile(full.resolve(k + ".png"));
        }
        SetStore reopened = new SetStore(tmp.resolve("sets"), 100);
        CommandRejectedException files = assertThrows(
                CommandRejectedException.class, () -> reopened.put(part("set0", "1/new.png", new byte[] {1})));
        assertTrue(
                files.getMessage().contains("would hold " + (SetStore.MAX_FILES_PER_SET + 1) + " files"),
                files.getMessage());
        reopened.put(part("set0", "x.png", new byte[] {2})); // replacing a file adds none
    }
}

package io.edgebench.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dataset's layout and bounds, checked when the set is opened (before any lane runs). */
class LabelledSetTest {
    private static void image(Path dir, String rel) throws Exception {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        TestFiles.png(f, 4, 4, rel.hashCode() & 0xff);
    }

    @Test
    void classIndexFolders_labelEachFile_inTheOrderTheWorkerFeedsThem(@TempDir Path dir) throws Exception {
        image(dir, "10/b.png");
        image(dir, "10/a.png");
        image(dir, "2/z.png");
        LabelledSet set = LabelledSet.open(dir);
        assertEquals(3, set.samples());
        // folders by name ("10" before "2"), files by name: the worker's directory listing gives the same order
        assertEquals(List.of("10/a.png", "10/b.png", "2/z.png"), List.of(set.file(0), set.file(1), set.file(2)));
        assertEquals(List.of(10, 10, 2), List.of(set.label(0), set.label(1), set.label(2)));
        List<Path> fed = InputFiles.samples(dir);
        assertEquals(List.of(dir.resolve("10/a.png"), dir.resolve("10/b.png"), dir.resolve("2/z.png")), fed);
        assertEquals(10, set.maxLabel());
    }

    @Test
    void labelsTxt_namesTheFolders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("labels.txt"), "background\ncat\ndog\n");
        image(dir, "dog/1.png");
        image(dir, "cat/1.png");
        LabelledSet set = LabelledSet.open(dir);
        assertEquals(List.of(1, 2), List.of(set.label(0), set.label(1)));
        assertEquals(List.of("background", "cat", "dog"), set.classNames());
    }

    @Test
    void aFolderNotInLabelsTxt_isNamedWithTheNamesThereAre(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("labels.txt"), "background\ncat\ndog\n");
        image(dir, "cat/1.png");
        image(dir, "kitten/1.png");
        InputException e = assertThrows(InputException.class, () -> LabelledSet.open(dir));
        assertTrue(
                e.getMessage()
                        .contains("class folder [kitten] is not a line of labels.txt (3 names, e.g. background, cat,"
                                + " dog); name each folder exactly as its line"),
                e.getMessage());
    }

    @Test
    void aNamedFolderWithoutLabelsTxt_asksForOne(@TempDir Path dir) throws Exception {
        image(dir, "cat/1.png");
        InputException e = assertThrows(InputException.class, () -> LabelledSet.open(dir));
        assertTrue(
                e.getMessage()
                        .contains("class folder [cat] is not a class index (0, 1, ...) and the set has no"
                                + " labels.txt"),
                e.getMessage());
    }

    @Test
    void anOversizedPngHeader_isRefusedNamingTheFile_beforeDecoding(@TempDir Path dir) throws Exception {
        image(dir, "0/ok.png");
        Files.write(dir.resolve("0/huge.png"), TestFiles.pngClaiming(16_000, 16_000));
        InputException e = assertThrows(InputException.class, () -> LabelledSet.open(dir));
        assertTrue(
                e.getMessage().contains("image [0/huge.png] is 16000 x 16000 pixels by its header; at most"),
                e.getMessage());
    }

    @Test
    void aSymbolicLink_isRefused_soNothingOutsideTheSetIsRead(@TempDir Path dir) throws Exception {
        Path set = Files.createDirectories(dir.resolve("set"));
        image(set, "0/a.png");
        image(dir, "outside/secret.png");
        Files.createSymbolicLink(set.resolve("0/b.png"), dir.resolve("outside/secret.png"));
        InputException e = assertThrows(InputException.class, () -> LabelledSet.open(set));
        assertTrue(e.getMessage().contains("0/b.png] is a symbolic link"), e.getMessage());

        Files.delete(set.resolve("0/b.png"));
        Files.createSymbolicLink(set.resolve("1"), dir.resolve("outside"));
        InputException e2 = assertThrows(InputException.class, () -> LabelledSet.open(set));
        assertTrue(e2.getMessage().contains("set/1] is a symbolic link"), e2.getMessage());
    }

    @Test
    void anEmptySet_andAnImageOutsideTheClassFolders_areRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("0"));
        InputException empty = assertThrows(InputException.class, () -> LabelledSet.open(dir));
        assertTrue(empty.getMessage().contains("holds no images in class folders"), empty.getMessage());

        image(dir, "0/a.png");
        image(dir, "stray.png");
        InputException stray = assertThrows(InputException.class, () -> LabelledSet.open(dir));
        assertTrue(
                stray.getMessage()
                        .contains("[stray.png] sits directly in the set; every image goes in the folder of"
                                + " its class"),
                stray.getMessage());
    }
}

package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path tmp;

    @Test
    void put_checksSha256AndSize_writesAtomically_listAndDelete() throws Exception {
        ModelStore store = new ModelStore(tmp.resolve("models"), 10);
        byte[] data = {1, 2, 3};
        store.put("a.tflite", 3, ModelStore.sha256(data), data);
        assertEquals(1, store.list().size());
        assertEquals(3, store.list().get(0).sizeBytes());
        try (var s = Files.list(tmp.resolve("models"))) {
            assertEquals(1, s.count(), "no temp files left behind");
        }
        CommandRejectedException bad =
                assertThrows(CommandRejectedException.class, () -> store.put("b.tflite", 3, "0".repeat(64), data));
        assertTrue(bad.getMessage().contains("sha256 is " + ModelStore.sha256(data)), bad.getMessage());
        assertFalse(Files.exists(tmp.resolve("models/b.tflite")));
        assertThrows(CommandRejectedException.class, () -> store.put("big", 11, "0".repeat(64), new byte[11]));
        store.delete("a.tflite");
        assertEquals(
                Topics.ERR_NOT_FOUND,
                assertThrows(CommandRejectedException.class, () -> store.delete("a.tflite"))
                        .code());
    }

    @Test
    void namesThatEscapeTheDir_areRejected_evenWithoutTheParser() throws Exception {
        ModelStore store = new ModelStore(tmp.resolve("models"), 10);
        Files.writeString(tmp.resolve("secret"), "x");
        for (String name : new String[] {"../secret", "..", ".", "a/../../secret", "/etc/passwd"}) {
            CommandRejectedException e =
                    assertThrows(CommandRejectedException.class, () -> store.resolve(Topics.INSPECT, name), name);
            assertEquals(Topics.ERR_BAD_REQUEST, e.code(), name);
        }
    }
}

package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stand-in delegate declares TFLite's structs itself (agent/src/test/c/tflite_min.h). This pins every offset
 * it relies on to the bytedeco TFLite 2.21 build, so a TFLite upgrade that moves a field fails here, not in memory.
 */
@Timeout(60)
class TfliteLayoutTest {

    @Test
    @SuppressWarnings("unchecked")
    void standInStructLayout_matchesTfliteBuild() throws Exception {
        Loader.load(org.bytedeco.tensorflowlite.global.tensorflowlite.class);
        Process p =
                new ProcessBuilder(StandIn.nativesDir().resolve("tflite_layout").toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        int checked = 0;
        for (String line : out.split("\n")) {
            String[] kv = line.split("=");
            String[] name = kv[0].split("\\.");
            Class<? extends Pointer> type =
                    (Class<? extends Pointer>) Class.forName("org.bytedeco.tensorflowlite." + name[0]);
            int expected = name.length == 1 ? Loader.sizeof(type) : Loader.offsetof(type, name[1]);
            assertEquals(expected, Integer.parseInt(kv[1].trim()), kv[0] + " in tflite_min.h vs TFLite 2.21");
            checked++;
        }
        assertEquals(21, checked, out);
    }
}

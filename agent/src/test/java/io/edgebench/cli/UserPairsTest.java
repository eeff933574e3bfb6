package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.testkit.SharedModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real third-party pairs a new user would try: BlazeFace as .tflite and as a barracuda .onnx (each head split into
 * 512 and 384 anchors), and silero_vad from its npm package (skipped when npm cannot fetch it).
 */
@Tag("slow")
@Timeout(600)
class UserPairsTest {
    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private List<String> blazeFace() {
        return new ArrayList<>(List.of(
                "compare",
                SharedModels.require("face_detection_short_range.tflite").toString(),
                SharedModels.require("face_detection_front_128x128_barracuda.onnx")
                        .toString(),
                "--delegates",
                "tflite:xnnpack,onnx:cpu",
                "--threads",
                "1",
                "--runs",
                "3",
                "--min-seconds",
                "0",
                "--agreement-inputs",
                "5"));
    }

    @Test
    void blazeFace_withoutMatch_isNotComparableWithAHint() throws Exception {
        List<String> cmd = blazeFace();
        Path json = dir.resolve("c.json");
        cmd.addAll(List.of("--json", json.toString()));
        StringWriter out = new StringWriter();
        assertEquals(ExitCode.FAILED, run(out, new StringWriter(), cmd.toArray(String[]::new)));
        JsonNode pair = Json.mapper().readTree(json.toFile()).get("agreement").get(0);
        assertTrue(pair.get("max_abs_error") == null, "no number for a pair that is not comparable: " + pair);
        String why = pair.get("not_comparable").asText();
        assertTrue(why.contains("has regressors [1,896,16], classificators [1,896,1]"), why);
        assertTrue(why.contains("Identity_2:0 [1,512,16], Identity_3:0 [1,384,16]"), why);
        assertTrue(
                why.endsWith("Hint: pair them with --match regressors=Identity_2:0+Identity_3:0 --match"
                        + " classificators=Identity:0+Identity_1:0"),
                why);
        assertTrue(out.toString().contains("NOT COMPARABLE"), out.toString());
    }

    @Test
    void blazeFace_withMatchPerHead_reportsPerOutputAgreement() throws Exception {
        List<String> cmd = blazeFace();
        Path json = dir.resolve("c.json");
        cmd.addAll(List.of(
                "--json",
                json.toString(),
                "--match",
                "regressors=Identity_2:0+Identity_3:0",
                "--match",
                "classificators=Identity:0+Identity_1:0",
                "--tolerance",
                "0.01"));
        StringWriter out = new StringWriter();
        assertEquals(ExitCode.OK, run(out, new StringWriter(), cmd.toArray(String[]::new)), out.toString());
        JsonNode pair = Json.mapper().readTree(json.toFile()).get("agreement").get(0);
        assertEquals(2, pair.get("outputs").size());
        for (JsonNode o : pair.get("outputs")) {
            assertEquals("match", o.get("matched_by").asText());
            assertTrue(o.get("max_abs_error").asDouble() < 0.01, o.toString());
            assertTrue(o.get("cosine_min").asDouble() > 0.999, o.toString());
            assertTrue(o.get("top1") == null, "detector heads get no top-1: " + o);
        }
        assertTrue(out.toString().contains("regressors = Identity_2:0+Identity_3:0"), out.toString());
    }

    @Test
    void sileroVad_fromItsNpmPackage_runsWithSr16000() throws Exception {
        Path onnx = sileroFromNpm();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(
                out,
                err,
                "bench",
                onnx.toString(),
                "--input-shape",
                "input=1x512",
                "--input-shape",
                "state=2x1x128",
                "--input-value",
                "sr=16000",
                "--threads",
                "1",
                "--runs",
                "5",
                "--min-seconds",
                "0",
                "--no-telemetry",
                "--quiet");
        assertEquals(ExitCode.OK, code, err.toString());
    }

    /** {@code npm pack @ricky0123/vad-web} into the temp dir and unpack its silero_vad_v5.onnx; skips when npm fails. */
    private Path sileroFromNpm() throws Exception {
        String pkg = "@ricky0123/vad-web@0.0.31";
        Process p;
        try {
            p = new ProcessBuilder("npm", "pack", "--silent", pkg)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "npm is not installed (" + e.getMessage() + "); silero_vad check skipped");
            throw e;
        }
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String said = new String(p.getInputStream().readAllBytes()).strip();
        if (!done) {
            p.destroyForcibly();
        }
        assumeTrue(
                done && p.exitValue() == 0,
                "npm pack " + pkg + " failed (offline?): " + said + "; silero_vad check skipped");
        Path tgz = Files.list(dir)
                .filter(f -> f.toString().endsWith(".tgz"))
                .findFirst()
                .orElseThrow();
        Process tar = new ProcessBuilder("tar", "xzf", tgz.toString(), "package/dist/silero_vad_v5.onnx")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar could not unpack " + tgz);
        return dir.resolve("package/dist/silero_vad_v5.onnx");
    }
}

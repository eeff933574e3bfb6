package io.edgebench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.cli.LabelledSetFixture;
import io.edgebench.cli.Main;
import io.edgebench.json.Json;
import io.edgebench.results.PairAgreement;
import io.edgebench.resultstore.ResultFixtures;
import io.edgebench.resultstore.ResultFixtures.Board;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `edgebench report` rendered by a real headless Chromium: no console errors, every chart drawn (an SVG with
 * paths in each chart element), the verdict text present, and a screenshot with the charts on it. With
 * -Dedgebench.report.screenshot=PATH the screenshot is also copied there (the README's docs/report.png).
 */
@Tag("slow")
class ReportChromiumTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void report_threeDevices_rendersChartsAndVerdictsWithoutConsoleErrors() throws Exception {
        Path html = tmp.resolve("report.html");
        List<String> args = new ArrayList<>(List.of(
                "report",
                "-o",
                html.toString(),
                "--title",
                "mobilenet_v2 on three boards (synthetic fixture results)"));
        for (Path f : fixtures()) {
            args.add(f.toString());
        }
        assertEquals(0, Main.run(args.toArray(String[]::new)));

        Chromium chromium = Chromium.find(tmp);
        Chromium.Run dom = chromium.dumpDom(html);
        assertFalse(dom.stderr().contains(":CONSOLE"), "console messages:\n" + consoleLines(dom.stderr()));
        assertTrue(
                dom.stdout().contains("id=\"report-errors\" class=\"errors\" hidden"),
                "the page's error box stayed hidden");
        for (String id : new String[] {
            "chart-cdf",
            "chart-latency",
            "chart-throughput",
            "chart-energy",
            "chart-init",
            "chart-memory",
            "chart-ops",
            "chart-trace-0",
            "chart-trace-1",
            "chart-trace-2"
        }) {
            int paths = svgPaths(dom.stdout(), id);
            assertTrue(paths >= 5, id + " is drawn: " + paths + " SVG paths");
        }
        assertTrue(dom.stdout().contains("data-charts-drawn=\"10\""), "ten charts drawn");
        assertTrue(
                dom.stdout().contains("pi5-lab: mobilenet_v2.tflite tflite:xnnpack x4 is fastest at p50"),
                "pi5 verdict in words");
        assertTrue(
                dom.stdout().contains("not to be trusted: mobilenet_v2.tflite tflite:cpu x4 (throttled during run"),
                "pi4's throttled lane named with its reason");
        assertTrue(
                dom.stdout().contains("coral-lab: mobilenet_v2_edgetpu.tflite tflite:edgetpu x4 is fastest"),
                "coral verdict");
        assertTrue(dom.stdout().contains("Energy per inference was not measured"), "coral has no power source");

        Path png = tmp.resolve("report.png");
        chromium.screenshot(html, png, 1400, 2400);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        assertTrue(colouredShare(img) > 0.01, "charts put colour on the page: " + colouredShare(img));
        String keep = System.getProperty("edgebench.report.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void report_oldResultsWithoutOptionalFields_rendersWithAbsentNotes() throws Exception {
        ObjectNode bare = ResultFixtures.bench("pi4-lab", "j-old", Board.CORAL, "tflite", "cpu", 5, false);
        ObjectNode r = (ObjectNode) bare.get("result");
        r.remove("telemetry");
        r.remove("peak_rss_bytes");
        Path f = tmp.resolve("old.json");
        Files.writeString(f, r.toString()); // a bare bench --json result: no device, no envelope
        Path html = tmp.resolve("old.html");
        assertEquals(0, Main.run("report", f.toString(), "-o", html.toString()));
        Chromium.Run dom = Chromium.find(tmp).dumpDom(html);
        assertFalse(dom.stderr().contains(":CONSOLE"), consoleLines(dom.stderr()));
        assertTrue(svgPaths(dom.stdout(), "chart-cdf") >= 3, "CDF drawn");
        assertTrue(dom.stdout().contains("energy per inference (no power source)"), "energy said once as left out");
        assertFalse(dom.stdout().contains("id=\"chart-energy\""), "no empty energy chart");
        assertTrue(
                dom.stdout().contains("No telemetry in these results: temperature and power charts left out"),
                "telemetry left out, said once");
        // A bare result names no device: its host block does (not the file name, "old").
        assertTrue(
                dom.stdout()
                        .contains("host aarch64 4 CPUs kernel 6.6.51+rpt-rpi-2712: one valid lane,"
                                + " mobilenet_v2.tflite tflite:cpu x4, p50"),
                dom.stdout());
    }

    /**
     * The mixed set a user has after a day's work: compares on three boards (one with a FLAGGED pair, one with a NOT
     * COMPARABLE pair) and benches of two models on one host. Screenshots at a desktop and a phone width are kept
     * under target/report-screens/ for a person to look at.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void report_mixedSet_showsAgreementVerdictsAndOneBlockPerHost() throws Exception {
        List<Path> files = fixtures();
        addPair(
                files.get(0),
                new PairAgreement(
                        "tflite:cpu x4",
                        "onnx:cpu x4",
                        20,
                        0.41,
                        0.05,
                        0.93,
                        0.85,
                        true,
                        List.of("cosine_min 0.93 < 0.999", "top-1 agreement 85 % < 99 %")));
        addPair(
                files.get(1),
                PairAgreement.notComparable(
                        "tflite:cpu x4", "onnx:cpu x4", 20, "output shapes differ: [1, 1001] vs [1, 1000]"));
        for (String model : new String[] {"yamnet", "pose_landmark"}) {
            ObjectNode m = ResultFixtures.bench("pi5-lab", "j-" + model, Board.PI5, "tflite", "xnnpack", 7, false);
            m.set("result", ResultFixtures.lane(Board.PI5, model, "tflite", "xnnpack", model.length(), false));
            Path f = tmp.resolve("bench-" + model + ".json");
            Files.writeString(f, m.toString());
            files.add(f);
        }
        // a compare run for real on a labelled set (compare --dataset --json): the accuracy block as the CLI writes it
        LabelledSetFixture labelled = LabelledSetFixture.forge(tmp.resolve("labelled"));
        Path dataset = tmp.resolve("compare-dataset.json");
        StringWriter out = new StringWriter();
        assertEquals(0, labelled.compare(dataset, out), out.toString());
        files.add(dataset);
        Path html = tmp.resolve("mixed.html");
        List<String> args = new ArrayList<>(List.of("report", "-o", html.toString(), "--title", "mixed results"));
        files.forEach(f -> args.add(f.toString()));
        assertEquals(0, Main.run(args.toArray(String[]::new)));

        Chromium chromium = Chromium.find(tmp);
        String dom = chromium.dumpDom(html).stdout();
        assertTrue(dom.contains("<h2>Output agreement</h2>"), "agreement section");
        assertTrue(dom.contains("FLAGGED: cosine_min 0.93 &lt; 0.999; top-1 agreement 85 % &lt; 99 %"), "FLAGGED pair");
        assertTrue(dom.contains("NOT COMPARABLE: output shapes differ: [1, 1001] vs [1, 1000]"), "NOT COMPARABLE pair");
        assertEquals(4, count(dom, "class=\"device agreement\""), "one agreement table per compare");
        assertEquals(4, count(dom, "class=\"device host\""), "one device block per host (pi4, pi5, coral, this one)");
        accuracyShown(dom);
        Matcher charts = Pattern.compile("class=\"chart\" id=\"([a-z0-9-]+)\"").matcher(dom);
        int n = 0;
        while (charts.find()) {
            n++;
            assertTrue(svgPaths(dom, charts.group(1)) >= 3, charts.group(1) + " is drawn, not an empty frame");
        }
        assertTrue(n >= 6, "charts present: " + n);
        assertTrue(
                Pattern.compile("yamnet[^ ]* \\(ranked only against lanes with the same model and inputs\\)")
                        .matcher(dom)
                        .find(),
                "pi5's models ranked apart");

        Path screens = Files.createDirectories(Path.of("target", "report-screens"));
        for (int width : new int[] {1400, 400}) {
            String laidOut = chromium.dumpDom(html, width).stdout();
            assertTrue(
                    laidOut.contains("data-overflow-px=\"0\""),
                    width + " px: the page is no wider than the window (wide tables scroll in their own box): "
                            + overflow(laidOut));
            Path png = screens.resolve("report-mixed-" + width + ".png");
            chromium.screenshot(html, png, width, 5200);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(width, img.getWidth());
            assertTrue(colouredShare(img) > 0.005, width + " px: charts put colour on the page");
        }
    }

    /**
     * The labelled-set compare's accuracy: its lanes' top-1 in the every-lane table and in its card, the pairs in the
     * compare's own words, the verdict quoting the pair the set cannot tell apart, and no top-1 for other lanes.
     */
    private static void accuracyShown(String dom) {
        String a = "90.5 % (95 % CI 77.9-96.2) of 42"; // 38 of 42: a misses only its 4 misfiled images
        assertEquals(4, count(dom, "<td>" + a + "</td>"), "a.tflite and a.onnx in the lane table and the card");
        assertEquals(2, count(dom, "<td>81.0 % (95 % CI 66.7-90.0) of 42</td>"), "b.tflite: 34 of 42");
        assertTrue(dom.contains("<h4>Accuracy on a labelled set (42 labelled images, "), "accuracy in its card");
        assertEquals(3, count(dom, "<td>100.0 % (95 % CI 91.6-100.0) of 42</td>"), "top-5 per lane");
        assertTrue(
                dom.contains("<li>a.tflite tflite:cpu and b.tflite tflite:cpu: no top-1 difference shown on these 42"
                        + " images"),
                "the pair in the compare's words");
        assertTrue(dom.contains("<li>a.tflite tflite:cpu and a.onnx onnx:cpu: same top-1 on all 42 images"), dom);
        assertTrue(
                dom.contains("Top-1 on 42 labelled images (compare compare-dataset): a.tflite tflite:cpu and b.tflite"
                        + " tflite:cpu: no top-1 difference shown on these 42 images"),
                "the verdict quotes the unresolved pair");
        Matcher verdicts = Pattern.compile("<p class=\"verdict\">([^<]*)</p>").matcher(dom);
        while (verdicts.find()) {
            assertFalse(verdicts.group(1).contains("same top-1 on all"), "a pair scored the same adds nothing: " + dom);
            assertFalse(verdicts.group(1).contains("McNemar"), "unresolved pairs: the headline only: " + dom);
        }
        assertTrue(dom.contains("<th>top-1</th>"), "top-1 column");
        assertTrue(
                count(dom, "<td>absent</td>") > count(dom, "<td>" + a + "</td>"),
                "lanes of compares without a labelled set: absent, the table's word for a field not carried");
    }

    private static String overflow(String dom) {
        Matcher m = Pattern.compile("data-overflow-px=\"(\\d+)\"").matcher(dom);
        return m.find() ? m.group(1) + " px" : "no data-overflow-px attribute";
    }

    private static void addPair(Path compare, PairAgreement pair) throws Exception {
        ObjectNode m = (ObjectNode) Json.mapper().readTree(Files.readString(compare));
        ((ArrayNode) m.path("result").path("agreement")).add(Json.mapper().valueToTree(pair));
        Files.writeString(compare, m.toString());
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private List<Path> fixtures() throws Exception {
        List<Path> files = new ArrayList<>();
        Object[][] boards = {
            {"pi4-lab", Board.PI4, new String[] {"tflite:cpu", "tflite:xnnpack", "onnx:cpu"}},
            {"pi5-lab", Board.PI5, new String[] {"tflite:cpu", "tflite:xnnpack", "onnx:cpu"}},
            {"coral-lab", Board.CORAL, new String[] {"tflite:xnnpack", "tflite:edgetpu", "onnx:cpu"}}
        };
        int seed = 100;
        for (Object[] b : boards) {
            ObjectNode m = ResultFixtures.compare(
                    (String) b[0], "20261130T100000-0000" + seed, (Board) b[1], seed++, true, (String[]) b[2]);
            Path f = tmp.resolve(b[0] + ".json");
            Files.writeString(f, m.toString());
            files.add(f);
        }
        return files;
    }

    /** SVG path elements inside the element with {@code id} (up to the next chart element). */
    static int svgPaths(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        if (start < 0) {
            return 0;
        }
        int end = dom.indexOf("class=\"chart\"", start + 1);
        String part = dom.substring(start, end < 0 ? dom.length() : end);
        if (!part.contains("<svg")) {
            return 0;
        }
        Matcher m = Pattern.compile("<path[^>]* d=\"M").matcher(part);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static double colouredShare(BufferedImage img) {
        long coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    coloured++;
                }
            }
        }
        return coloured / (img.getWidth() / 2.0 * img.getHeight() / 2.0);
    }

    private static String consoleLines(String stderr) {
        return String.join(
                "\n", stderr.lines().filter(l -> l.contains("CONSOLE")).toList());
    }
}

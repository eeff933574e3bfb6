package io.edgebench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, run once per page: --dump-dom for the DOM after the scripts ran, --screenshot for a
 * PNG. Each run gets a new empty profile and no network services. Skips where it is not installed, except in CI.
 */
final class Chromium {
    private final Path binary;
    private final Path work;

    private Chromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    static Chromium find(Path work) {
        for (String c :
                new String[] {System.getenv("EDGEBENCH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (c != null && Files.isExecutable(Path.of(c))) {
                return new Chromium(Path.of(c), work);
            }
        }
        String why = "chromium is not installed (apt-get install chromium; .ci/chromium.sh does)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("The report test is required in CI: " + why);
        }
        Assumptions.abort(why);
        return null;
    }

    /** What a run printed: the DOM (dump-dom) on stdout, console messages and errors on stderr. */
    record Run(String stdout, String stderr) {}

    Run dumpDom(Path page) throws Exception {
        return run(page, "--dump-dom");
    }

    /** The DOM as laid out in a window {@code width} px wide (what the page's width-dependent attributes see). */
    Run dumpDom(Path page, int width) throws Exception {
        return run(page, "--dump-dom", "--window-size=" + width + ",2400", "--hide-scrollbars");
    }

    Run screenshot(Path page, Path png, int width, int height) throws Exception {
        return run(page, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
    }

    private Run run(Path page, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=10000"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = Files.createTempFile(work, "chromium", ".out");
        Path err = Files.createTempFile(work, "chromium", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 120 s: " + Files.readString(err));
        }
        Run r = new Run(Files.readString(out), Files.readString(err));
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited " + p.exitValue() + ": " + r.stderr());
        }
        return r;
    }
}

package io.edgebench.cli;

import io.edgebench.bench.BenchRunner;
import io.edgebench.calibrate.Calibration;
import io.edgebench.calibrate.Calibration.CaseResult;
import io.edgebench.calibrate.NativeBaseline;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.stats.ConfidenceInterval;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgebench calibrate}: the Java layer's per-inference cost on this board, against the bundled C baseline. */
@Command(
        name = "calibrate",
        sortOptions = false,
        description = "Overhead self-check: times a forged MobileNet through edgebench (worker process) and through "
                + "the bundled no-JVM C baseline on the same native libraries, interleaved, and prints the ratios "
                + "and a verdict.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no ratio shown to be over budget (ok, or not resolved at this noise)",
            "1:some ratio over budget: its whole 95 %% interval lies above it (run again on an idle board)",
            "64:bad usage",
            "69:no native baseline for this architecture"
        })
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--threads",
            split = ",",
            paramLabel = "N[,N]",
            description = "Thread counts to check, e.g. 1,2 (default: 1; each count adds three cases).")
    List<Integer> threads;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "Interleaved rounds per case (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--runs",
            defaultValue = "2000",
            description = "Timed inferences per process at most; fewer when they would take over 0.4 s "
                    + "(default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Integer> t = threads != null ? threads : List.of(1);
        for (int n : t) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("--threads [" + n + "] must be 1..64");
            }
        }
        Calibration.Plan plan = Calibration.Plan.standard(t, rounds, runs);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("edgebench-calibrate");
        try {
            NativeBaseline baseline;
            try {
                baseline = NativeBaseline.extract(dir);
            } catch (IOException e) {
                spec.commandLine().getErr().println("edgebench calibrate: " + e.getMessage());
                return ExitCode.UNAVAILABLE;
            }
            // MobileNet v1 0.5 at 160 px, float: about 1 ms per inference on XNNPACK and ONNX Runtime, 10-20 ms on
            // the builtin kernels (2-core x86 VM). A per-call cost of ~10 us is then 1 %, as on a real model;
            // much smaller models would magnify it, much larger ones would not finish within a minute.
            ForgeSpec model = ForgeSpec.of(Arch.MOBILENET_V1, 0.5, 160, null, ForgeSpec.Quantize.NONE, 1);
            Forge.Result forged = Forge.forge(model, dir.resolve("model"));
            out.printf(
                    Locale.ROOT,
                    "edgebench calibrate: %s, %d interleaved rounds per case (about %.1f s of "
                            + "timed runs per process), %d CPUs%n",
                    forged.sidecar().name(),
                    plan.rounds(),
                    Calibration.TIMED_SECONDS_PER_PROCESS,
                    Runtime.getRuntime().availableProcessors());
            out.printf(
                    Locale.ROOT,
                    "%-16s %7s %15s %13s %8s %-17s %7s%n",
                    "case",
                    "threads",
                    "edgebench p50",
                    "native p50",
                    "ratio",
                    "95 % CI (rounds)",
                    "budget");
            out.flush();
            List<CaseResult> results = new Calibration(baseline, new BenchRunner())
                    .run(plan, forged.tflite(), forged.onnx(), r -> row(out, r));
            return verdict(out, results);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void row(PrintWriter out, CaseResult r) {
        ConfidenceInterval ci = r.ratioCi();
        out.printf(
                Locale.ROOT,
                "%-16s %7d %12.1f us %10.1f us %8.4f %-17s %7.2f  %s%n",
                r.c().label(),
                r.c().threads(),
                r.edgebenchMedianUs(),
                r.nativeMedianUs(),
                r.ratio(),
                ci == null ? "-" : String.format(Locale.ROOT, "%.4f-%.4f", ci.low(), ci.high()),
                Calibration.BUDGET_RATIO,
                label(r.outcome()));
        out.flush();
    }

    private static String label(Calibration.Outcome o) {
        return switch (o) {
            case OK -> "ok";
            case OVER -> "OVER";
            case NOT_RESOLVED -> "not resolved";
        };
    }

    private static int verdict(PrintWriter out, List<CaseResult> results) {
        double budgetPct = (Calibration.BUDGET_RATIO - 1) * 100;
        CaseResult worst = results.stream()
                .max(Comparator.comparingDouble(CaseResult::ratio))
                .orElseThrow();
        CaseResult over = results.stream()
                .filter(r -> r.outcome() == Calibration.Outcome.OVER)
                .findFirst()
                .orElse(null);
        if (over != null) {
            out.printf(
                    Locale.ROOT,
                    "verdict: OVER BUDGET - %s with %d thread(s) costs %+.1f %% per inference over the"
                            + " C API (95 %% CI %s; budget %+.0f %%). On a busy or throttling board this is often noise:"
                            + " rerun with more --rounds while the board is idle; if it stays, report it with this output.%n",
                    over.c().label(),
                    over.c().threads(),
                    (over.ratio() - 1) * 100,
                    pct(over.ratioCi()),
                    budgetPct);
            out.flush();
            return ExitCode.FAILED;
        }
        if (results.stream().allMatch(r -> r.outcome() == Calibration.Outcome.OK)) {
            double highest =
                    results.stream().mapToDouble(r -> r.ratioCi().high()).max().orElseThrow();
            out.printf(
                    Locale.ROOT,
                    "verdict: OK - every 95 %% interval lies within the budget; edgebench adds at most"
                            + " %+.1f %% per inference over the C API here (budget %+.0f %%).%n",
                    (highest - 1) * 100,
                    budgetPct);
        } else {
            out.printf(
                    Locale.ROOT,
                    "verdict: NOT RESOLVED - no case is shown to be over the budget (%+.0f %%), but"
                            + " not every interval lies within it (highest ratio: %s, %s); the processes differ by more than the"
                            + " budget here. Rerun with more --rounds while the board is idle.%n",
                    budgetPct,
                    worst.c().label(),
                    pct(worst.ratioCi()));
        }
        out.flush();
        return ExitCode.OK;
    }

    /** "-1.2 % to +3.4 %", or why there is no interval. */
    private static String pct(ConfidenceInterval ci) {
        return ci == null
                ? "no interval from 1 round"
                : String.format(Locale.ROOT, "%+.1f %% to %+.1f %%", (ci.low() - 1) * 100, (ci.high() - 1) * 100);
    }
}

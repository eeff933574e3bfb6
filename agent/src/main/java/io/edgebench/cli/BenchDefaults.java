package io.edgebench.cli;

import io.edgebench.results.BenchParams;
import java.nio.file.Path;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the benchmark options, taken from {@link BenchParams#defaults} (the one place they are written),
 * so `--help` shows them through {@code ${DEFAULT-VALUE}} and the parsed options start from them.
 */
final class BenchDefaults implements IDefaultValueProvider {
    private static final BenchParams D = BenchParams.defaults(Path.of("model"));

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        if ("--sample-hz".equals(o.longestName()) && o.command() != null && "compare".equals(o.command().name())) {
            return null; // compare's own default (0: interleaved rounds without telemetry), as its help says
        }
        return switch (o.longestName()) {
            case "--threads" -> num(D.threads());
            case "--warmup-runs" -> num(D.warmupRuns());
            case "--warmup-seconds" -> num(D.warmupSeconds());
            case "--runs" -> num(D.runs());
            case "--min-seconds" -> num(D.minSeconds());
            case "--max-seconds" -> num(D.maxSeconds());
            case "--seed" -> num(D.seed());
            case "--sample-hz" -> num(D.sampleHz());
            case "--cooldown-max-seconds" -> num(D.cooldownMaxSeconds());
            default -> null;
        };
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

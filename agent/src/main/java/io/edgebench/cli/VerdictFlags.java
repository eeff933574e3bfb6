package io.edgebench.cli;

import io.edgebench.results.VerdictOptions;
import picocli.CommandLine.Option;

/** compare's verdict options (picocli mixin); VerdictOptions validates them and holds the defaults. */
public final class VerdictFlags {
    @Option(
            names = "--forks",
            paramLabel = "N",
            description = "Worker processes per lane, one after another (each"
                    + " loads and warms up anew); the verdicts' intervals are computed over them. Default: "
                    + VerdictOptions.DEFAULT_FORKS + ".")
    int forks = VerdictOptions.DEFAULT_FORKS;

    @Option(
            names = "--equivalence-pct",
            paramLabel = "PCT",
            description = "Lanes whose 90 % interval of the ratio"
                    + " lies within +-PCT % are reported as equivalent (TOST). Default: 3.")
    double equivalencePct = VerdictOptions.DEFAULT_EQUIVALENCE_PCT;

    @Option(
            names = "--until-decided",
            description = "After --forks, keep adding worker processes until every pair"
                    + " is decided (faster or equivalent) or a lane reaches --max-seconds of timed rounds.")
    boolean untilDecided;

    VerdictOptions options() {
        return new VerdictOptions(forks, equivalencePct, untilDecided);
    }
}

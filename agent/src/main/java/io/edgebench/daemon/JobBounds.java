package io.edgebench.daemon;

import io.edgebench.bench.BenchRunner;
import io.edgebench.results.BenchParams;
import io.edgebench.wire.Command;
import java.time.Duration;

/**
 * How long a job may run at most, from its own parameters: what the benchmark runner enforces per lane (load
 * allowance, warm-up, max_seconds, grace, cooldown wait) and, for compare, its heat blocks. A job running longer is
 * wedged, not slow: the watchdog health check reports the queue stuck.
 */
final class JobBounds {
    /** Outputs mode (compare's agreement) per lane: one worker start plus a few inferences. */
    private static final Duration OUTPUTS_ALLOWANCE = Duration.ofSeconds(180);

    private JobBounds() {}

    static Duration maxDuration(Command.JobCommand command, BenchRunner.Limits limits) {
        if (command instanceof Command.Bench b) {
            return lane(b.params(), limits);
        }
        Command.Compare c = (Command.Compare) command;
        long lanes = (long) c.models().size() * c.choices().size();
        BenchParams template = c.template();
        Duration heat = template.measure().verdict().heatBoundPerLane();
        return lane(template, limits).plus(OUTPUTS_ALLOWANCE).plus(heat).multipliedBy(lanes);
    }

    private static Duration lane(BenchParams p, BenchRunner.Limits limits) {
        double seconds = p.warmupSeconds() + p.maxSeconds() + (p.cooldownToC() == null ? 0 : p.cooldownMaxSeconds());
        return limits.loadAllowance().plus(limits.grace().multipliedBy(2)).plusMillis((long) Math.ceil(seconds * 1000));
    }
}

package io.edgebench.bench;

import io.edgebench.inputs.InputFiles;
import io.edgebench.model.ModelFile;
import io.edgebench.model.ModelLoadException;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Host;
import io.edgebench.results.BenchResult.ModelRef;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.EnergyReport;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Interference;
import io.edgebench.results.Phase;
import io.edgebench.results.RunConditions;
import io.edgebench.results.RuntimeKind;
import io.edgebench.results.RuntimeSettings;
import io.edgebench.results.TelemetrySummary;
import io.edgebench.results.UntilCi;
import io.edgebench.telemetry.Cooldown;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.BenchReport;
import io.edgebench.worker.Measurement;
import io.edgebench.worker.OutputsReport;
import io.edgebench.worker.WorkerDriver;
import io.edgebench.worker.WorkerLaunch;
import io.edgebench.worker.WorkerRequest;
import io.edgebench.worker.WorkerSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Runs one benchmark in a worker process (a child JVM from the same jar) and turns whatever happens to it into a
 * {@link BenchResult}: a native crash, an OOM, a hang or a rejected model becomes {@code status: failed} with a
 * clear error, and the caller goes on. Thread-safe; one runner can serve many runs.
 */
public final class BenchRunner {

    /**
     * How long a worker may take beyond the benchmark's own bounds.
     *
     * @param loadAllowance from spawn until warm-up starts: JVM start, model load, session init, input fill
     * @param grace added to max_seconds for warm-up and for the timed loop (one slow inference, the result)
     */
    public record Limits(Duration loadAllowance, Duration grace) {
        public Limits {
            Objects.requireNonNull(loadAllowance, "loadAllowance");
            Objects.requireNonNull(grace, "grace");
        }

        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(120), Duration.ofSeconds(30));
        }
    }

    /** Outputs mode (for compare): the outputs per seed, or why there are none. */
    public record Outputs(OutputsReport report, WorkerDriver.Failure failure) {}

    private final WorkerLaunch launch;
    private final Limits limits;
    private final String debugCrash;
    /** Results name models relative to this dir and keep its path out of their messages; null: paths as given. */
    private final Path modelsDir;

    public BenchRunner() {
        this(WorkerLaunch.sameJvm(), Limits.defaults());
    }

    public BenchRunner(WorkerLaunch launch, Limits limits) {
        this(launch, limits, null, null);
    }

    private BenchRunner(WorkerLaunch launch, Limits limits, String debugCrash, Path modelsDir) {
        this.launch = Objects.requireNonNull(launch, "launch");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.debugCrash = debugCrash;
        this.modelsDir = modelsDir;
    }

    /**
     * The agent's runner: its results leave the board, so they name a model by its file name in {@code dir} (as the
     * request did) from the start, and their error messages and stderr lines never show the dir's path.
     */
    public BenchRunner namingModelsIn(Path dir) {
        return new BenchRunner(launch, limits, debugCrash, Objects.requireNonNull(dir, "dir"));
    }

    /** How this runner starts workers (compare's lane workers use the same). */
    public WorkerLaunch launch() {
        return launch;
    }

    public Limits limits() {
        return limits;
    }

    /** {@code request} as this runner's workers get it: with the test hook, if there is one. */
    public WorkerRequest prepared(WorkerRequest request) {
        return debugCrash == null ? request : request.withDebugCrash(debugCrash);
    }

    /** Test hook: every worker of the returned runner dies as {@code spec} says (see worker.DebugCrash). */
    public BenchRunner withDebugCrash(String spec) {
        return new BenchRunner(launch.withDebug(true), limits, spec, modelsDir);
    }

    /**
     * Runs the benchmark. Telemetry is begun before the worker starts and ended with the worker's timed window;
     * progress goes to {@code listener}; when {@code cancelled} turns true the worker is killed and the result is
     * {@code cancelled}. Invalid parameters (e.g. an ONNX model with the xnnpack delegate) throw
     * IllegalArgumentException before anything starts.
     */
    public BenchResult run(BenchParams p, RunTelemetry telemetry, BenchListener listener, BooleanSupplier cancelled) {
        ModelFile file;
        try {
            file = ModelFile.open(p.model());
        } catch (ModelLoadException e) {
            return failed(
                    p,
                    null,
                    named(new WorkerDriver.Failure(Status.FAILED, ErrorKind.MODEL, e.getMessage(), List.of())));
        }
        ModelRef model = new ModelRef(named(p.model().toString()), file.sha256(), file.format());
        BenchParams resolved = resolve(p, file.format().runtime());
        TelemetrySummary.CooldownWait cooldown = cooldown(resolved, telemetry, listener);
        if (telemetry != RunTelemetry.OFF) {
            listener.onPhase(Phase.IDLE_BASELINE);
        }
        telemetry.begin();
        try {
            EnergyTarget target = resolved.energyAccuracyPct() == null
                    ? null
                    : new EnergyTarget(telemetry, resolved.energyAccuracyPct());
            WorkerSession.Outcome outcome = session()
                    .drive(
                            prepared(WorkerRequest.bench(resolved)),
                            listener,
                            cancelled,
                            target == null ? WorkerSession.StopGate.NEVER : target);
            if (outcome.failure() != null) {
                return failed(resolved, model, named(outcome.failure()));
            }
            BenchReport report = outcome.message().bench();
            Measurement.Measured m = report.measured();
            TelemetrySummary summary =
                    telemetry.end(m.timedWindow().startNs(), m.timedWindow().endNs(), m.runs());
            List<String> reasons = new ArrayList<>();
            if (m.runs() < resolved.runs()) {
                reasons.add("max_seconds [" + resolved.maxSeconds() + "] reached after " + m.runs() + " of "
                        + resolved.runs() + " runs");
            }
            List<String> verdicts = verdicts(resolved, cooldown, report);
            if (m.interference() != null) {
                verdicts.addAll(m.interference()
                        .reasons(
                                resolved.measure().maxOtherCorePct(),
                                Interference.freeCores(report.placement(), resolved.threads())));
            }
            List<String> warnings = new ArrayList<>(report.warnings());
            if (m.untilCi() != null && !m.untilCi().reached()) {
                warnings.add(untilCiMissed(m.untilCi(), resolved));
            }
            if (summary != null) {
                summary = target == null ? summary : accuracy(summary, target, m, resolved);
                TelemetrySummary.Builder b = summary.toBuilder().cooldown(cooldown);
                verdicts.forEach(b::invalidReason);
                summary = b.build();
                reasons.addAll(summary.invalidReasons());
            } else {
                reasons.addAll(verdicts);
            }
            return BenchResult.builder()
                    .model(model)
                    .runtime(resolved.runtime())
                    .runtimeVersion(report.runtimeVersion())
                    .delegate(report.delegate())
                    .threads(resolved.threads())
                    .seed(resolved.seed())
                    .loadUs(report.loadUs())
                    .initUs(report.initUs())
                    .firstInferenceUs(m.firstInferenceUs())
                    .warmup(m.warmup())
                    .runs(m.runs())
                    .latencyUs(m.latencyUs())
                    .throughputIps(m.throughputIps())
                    .peakRssBytes(report.peakRssBytes())
                    .loadRssBytes(report.loadRssBytes())
                    .delegation(report.delegation())
                    .edgetpu(report.edgetpu())
                    .inputs(report.inputs())
                    .host(Host.current())
                    .timedWindow(m.timedWindow())
                    .valid(reasons.isEmpty())
                    .invalidReasons(reasons)
                    .warnings(warnings)
                    .telemetry(summary)
                    .opProfile(report.opProfile())
                    .conditions(new RunConditions(
                            m.interference(),
                            m.rate(),
                            m.untilCi(),
                            report.placement(),
                            RuntimeSettings.of(resolved.runtime(), resolved.threads(), resolved.onnxSpinning())))
                    .build();
        } finally {
            telemetry.close();
        }
    }

    /** The --energy-accuracy outcome in the energy report, or in absent when no source measured energy. */
    private static TelemetrySummary accuracy(
            TelemetrySummary s, EnergyTarget target, Measurement.Measured m, BenchParams p) {
        double windowS = (m.timedWindow().endNs() - m.timedWindow().startNs()) * 1e-9;
        EnergyReport.Accuracy a = target.outcome(
                s.energy(), s.powerW() == null ? null : s.powerW().mean(), windowS, p.maxSeconds());
        return s.energy() != null
                ? s.toBuilder().energy(s.energy().withAccuracy(a)).build()
                : s.toBuilder().absent("energy_accuracy: " + a.message()).build();
    }

    /** The bounded wait for --cooldown-to-c, before the idle baseline; null when no target is set. */
    private static TelemetrySummary.CooldownWait cooldown(
            BenchParams p, RunTelemetry telemetry, BenchListener listener) {
        if (p.cooldownToC() == null) {
            return null;
        }
        listener.onPhase(Phase.COOLDOWN);
        Cooldown.Result r =
                telemetry.cooldown(p.cooldownToC(), Duration.ofMillis(Math.round(p.cooldownMaxSeconds() * 1000)));
        return r.toWait(p.cooldownToC());
    }

    /**
     * The runner's own reasons a finished run is not comparable: it started hotter than the cooldown target, or
     * nodes fell back to the CPU although full delegation was required (the TFLite session already refuses that at
     * open; this catches any runtime that does not).
     */
    private static List<String> verdicts(BenchParams p, TelemetrySummary.CooldownWait cooldown, BenchReport report) {
        List<String> out = new ArrayList<>();
        if (cooldown != null && !cooldown.reached() && cooldown.hottestC() != null) {
            out.add(String.format(
                    Locale.ROOT,
                    "start temperature %.1f C above the cooldown target %s C after" + " waiting %s s",
                    cooldown.hottestC(),
                    num(cooldown.targetC()),
                    num(cooldown.waitedS())));
        }
        Delegation d = report.delegation();
        if (p.requireFullDelegation() && d != null && !d.isFull()) {
            out.add("CPU fallback detected: " + (d.totalNodes() - d.delegatedNodes()) + " of " + d.totalNodes()
                    + " ops not on the delegate [" + p.delegate().id() + "] (require_full_delegation is set)");
        }
        return out;
    }

    /** --until-ci not reached: the run stays valid, but the interval is wider than asked: a warning says so. */
    private static String untilCiMissed(UntilCi u, BenchParams p) {
        return String.format(
                Locale.ROOT,
                "until_ci: p50 95 %% CI half-width %s %% did not reach the target %s %%" + " within max_seconds [%s]",
                u.achievedPct() == null ? "unknown" : String.format(Locale.ROOT, "%.2f", u.achievedPct()),
                num(u.targetPct()),
                num(p.maxSeconds()));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Outputs mode: one inference per seed in a worker, every output dequantized (for compare). */
    public Outputs outputs(BenchParams p, List<Long> seeds, int maxOutputValues, BooleanSupplier cancelled) {
        RuntimeKind format;
        try {
            format = ModelFile.open(p.model()).format().runtime();
        } catch (ModelLoadException e) {
            return new Outputs(
                    null, named(new WorkerDriver.Failure(Status.FAILED, ErrorKind.MODEL, e.getMessage(), List.of())));
        }
        BenchParams resolved = resolve(p, format);
        WorkerSession.Outcome o = session()
                .drive(
                        prepared(WorkerRequest.outputs(resolved, seeds, maxOutputValues)),
                        BenchListener.NONE,
                        cancelled);
        return o.failure() == null ? new Outputs(o.message().outputs(), null) : new Outputs(null, named(o.failure()));
    }

    /** Fills in runtime (from the sniffed format) and delegate (xnnpack for TFLite, cpu for ONNX), and checks them. */
    public static BenchParams resolve(BenchParams p, RuntimeKind sniffed) {
        RuntimeKind runtime = p.runtime() != null ? p.runtime() : sniffed;
        Delegate delegate =
                p.delegate() != null ? p.delegate() : runtime == RuntimeKind.TFLITE ? Delegate.XNNPACK : Delegate.CPU;
        if (runtime == RuntimeKind.ONNX && delegate != Delegate.CPU) {
            throw new IllegalArgumentException("delegate [" + delegate.id() + "] is not available for runtime [onnx];"
                    + " this ONNX Runtime build has the CPU execution provider only: use --delegate cpu");
        }
        return p.withRuntime(runtime, delegate);
    }

    private WorkerSession session() {
        return new WorkerSession(launch, limits.loadAllowance(), limits.grace());
    }

    /** The result of a benchmark that ended without one: what was asked, and why it failed. */
    public static BenchResult failed(BenchParams p, ModelRef model, WorkerDriver.Failure f) {
        return BenchResult.builder()
                .model(model)
                .runtime(p.runtime())
                .delegate(p.delegate())
                .threads(p.threads())
                .seed(p.seed())
                .host(Host.current())
                .status(f.status())
                .error(f.message())
                .errorKind(f.kind())
                .valid(false)
                .invalidReasons(List.of(f.status().id() + ": " + f.kind()))
                .stderrTail(f.stderrTail())
                .build();
    }

    /** {@code f} as it may leave the board (see {@link #named(String)}). */
    public WorkerDriver.Failure named(WorkerDriver.Failure f) {
        return new WorkerDriver.Failure(f.status(), f.kind(), named(f.message()), namedAll(f.stderrTail()));
    }

    /** {@code text} as it may leave the board: the models dir's path taken out (see {@link #namingModelsIn}). */
    public String named(String text) {
        // the inputs dir next to it holds the request's input files: its path stays private too
        return modelsDir == null
                ? text
                : ModelPaths.hide(ModelPaths.hide(text, modelsDir), InputFiles.dirNextTo(modelsDir));
    }

    private List<String> namedAll(List<String> lines) {
        return modelsDir == null || lines == null
                ? lines
                : lines.stream().map(this::named).toList();
    }
}

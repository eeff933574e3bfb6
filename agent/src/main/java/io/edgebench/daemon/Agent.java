package io.edgebench.daemon;

import io.edgebench.config.AgentConfig;
import io.edgebench.homeassistant.HomeAssistantBridge;
import io.edgebench.json.Json;
import io.edgebench.link.BrokerLink;
import io.edgebench.results.Phase;
import io.edgebench.store.JobStore;
import io.edgebench.store.Outbox;
import io.edgebench.wire.AgentState;
import io.edgebench.wire.AgentStatus;
import io.edgebench.wire.AgentVersion;
import io.edgebench.wire.CommandParser;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobResult;
import io.edgebench.wire.Progress;
import io.edgebench.wire.Reply;
import io.edgebench.wire.SensorsSnapshot;
import io.edgebench.wire.TelemetryMessage;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent's lifecycle: recovers persisted jobs and results, connects, serves commands, runs jobs one at a time,
 * and on {@link #stop} stops taking jobs, reports the running one interrupted and publishes its offline status.
 * Broker callbacks only hand messages to bounded pools; when those are full a message is dropped and counted.
 */
public final class Agent implements AutoCloseable {
    /** Waiting commands per pool: enough for bursts, small enough that a flood cannot grow the heap. */
    private static final int COMMAND_BACKLOG = 256;
    /** Progress messages per job at most this often (phase changes always go out). */
    private static final long PROGRESS_INTERVAL_MS = 500;
    /** A connect attempt blocks the link's thread for up to two 10 s operation timeouts: allow well beyond that. */
    private static final java.time.Duration LINK_STALL = java.time.Duration.ofSeconds(90);

    private final AgentConfig config;
    private final BrokerLink link;
    private final DeviceProbes probes;
    private final Consumer<String> log;
    private final Clock clock;
    private final CommandParser parser;
    private final ModelStore models;
    private final Outbox outbox;
    private final JobQueue queue;
    private final CommandHandler handler;
    private final ThreadPoolExecutor commands = pool("commands", COMMAND_BACKLOG);
    /** models/put and sets/put parts (at most CommandParser.MAX_PART_BYTES each): one at a time, one waiting, so at most two live in memory. */
    private final ThreadPoolExecutor uploads = pool("uploads", 1);

    /** Every task on it is logged on failure and periodic ones keep running (see LoggedScheduler). */
    private final ScheduledExecutorService background;

    private final AtomicLong dropped = new AtomicLong();
    /** Bytes of commands queued or running: bounded, not only their count (issue 21's flood). */
    private final AtomicLong backlogBytes = new AtomicLong();

    private static final long MAX_BACKLOG_BYTES = 4L << 20;
    /** Home Assistant births answered at most once per this interval (each answer is ~4 KB retained per agent). */
    private static final long HA_ANNOUNCE_INTERVAL_MS = 10_000;

    private final Coalesced haAnnounce;
    private final RetainedCommands retained;
    /** Busy replies to dropped commands per second, at most (a flood must not be answered by a flood). */
    private static final int BUSY_REPLIES_PER_S = 50;
    /** [second, busy replies sent in it] */
    private final long[] busyWindow = new long[2];

    private volatile long lastDropStatusMs;
    private final Map<String, Long> lastProgressMs = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    /** Home Assistant discovery, or null when homeassistant_discovery is off. */
    private final HomeAssistantBridge homeAssistant;

    public Agent(
            AgentConfig config,
            BrokerLink link,
            JobExecutor executor,
            DeviceProbes probes,
            boolean compareAvailable,
            Consumer<String> log,
            Clock clock)
            throws IOException {
        this.config = config;
        this.link = link;
        this.probes = probes;
        this.log = log;
        this.background = new LoggedScheduler("agent-bg", log);
        this.clock = clock;
        this.parser = new CommandParser(config.maxModelBytes());
        this.models = new ModelStore(config.modelsDir(), config.maxModelBytes());
        this.outbox = new Outbox(config.dataDir().resolve("outbox"), config.deviceId(), link, log);
        JobStore store = new JobStore(config.dataDir().resolve("jobs"), parser, log);
        this.queue = new JobQueue(config.deviceId(), config.queueCapacity(), store, executor, new Events(), log, clock);
        outbox.onSettled(queue::settled);
        this.handler = new CommandHandler(queue, models, probes, compareAvailable, clock);
        this.homeAssistant = config.homeassistantDiscovery()
                ? new HomeAssistantBridge(
                        config.deviceId(),
                        config.profile() != null ? config.profile() : probes.profile(),
                        probes.powerSource(),
                        AgentVersion.current(),
                        link,
                        log)
                : null;
        this.haAnnounce = new Coalesced(
                () -> {
                    if (homeAssistant != null) {
                        homeAssistant.announce();
                    }
                },
                HA_ANNOUNCE_INTERVAL_MS,
                background,
                System::currentTimeMillis);
        this.retained = new RetainedCommands(link, background, log);
    }

    /** Recovers jobs, connects (in the background) and starts serving; returns at once. */
    public void start() throws IOException {
        queue.start(outbox::contains);
        List<String> subscriptions =
                new java.util.ArrayList<>(List.of(Topics.cmdFilter(config.deviceId()), Topics.fleetCmdFilter()));
        if (homeAssistant != null) {
            subscriptions.add(HomeAssistantBridge.subscription());
        }
        link.start(subscriptions, new Listener());
        // Results whose publish failed while connected are retried here too, not only on reconnect.
        background.scheduleWithFixedDelay(outbox::publishAll, 30, 30, TimeUnit.SECONDS);
        if (config.telemetryPeriodS() > 0 || homeAssistant != null) {
            // Home Assistant's temperature and power sensors need readings even with telemetry off: once a minute
            long ms = config.telemetryPeriodS() > 0 ? (long) (config.telemetryPeriodS() * 1000) : 60_000;
            background.scheduleAtFixedRate(this::publishTelemetry, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /** SIGTERM path: no new jobs, the running one is reported interrupted, offline status, disconnect. */
    public void stop(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        log.accept("agent event=stopping reason=\"" + reason + "\"");
        queue.shutdown("the agent was stopped (" + reason + ") while the job ran; run it again", 15_000);
        commands.shutdown();
        uploads.shutdown();
        background.shutdownNow();
        link.close(BrokerLink.Outbound.of(
                Topics.status(config.deviceId()), status(AgentState.OFFLINE), Topics.QOS_RESULT, true));
        log.accept("agent event=stopped");
    }

    @Override
    public void close() {
        stop("closed");
    }

    /**
     * The watchdog's health check: why this agent cannot do its job, or null when healthy. Checks that the broker
     * link's own thread still runs (it reconnects) and that the job queue is not stuck.
     */
    public String unhealthyReason(java.time.Duration jobSlack) {
        String link = this.link.wedgedReason(LINK_STALL);
        if (link != null) {
            return "broker link: " + link;
        }
        String jobs = queue.stuckReason(jobSlack);
        return jobs == null ? null : "job queue: " + jobs;
    }

    /** Commands dropped because the pools were full (a flood). */
    public long droppedCommands() {
        return dropped.get();
    }

    /** Results the broker refused (PUBACK >= 0x80) since start; they stay in the outbox. */
    public long refusedResults() {
        return outbox.refusedCount();
    }

    /** The retained will: the same shape as the status, state offline. */
    public static byte[] offlineStatus(AgentConfig config, DeviceProbes probes) {
        return bytes(statusOf(config, probes, AgentState.OFFLINE, 0, null, java.time.Instant.now()));
    }

    byte[] status(AgentState state) {
        AgentStatus status =
                statusOf(config, probes, state, queue.waitingCount(), queue.currentJobId(), clock.instant());
        return bytes(status.withCounters(dropped.get(), outbox.refusedCount(), link.sessionTakeovers()));
    }

    private static AgentStatus statusOf(
            AgentConfig config,
            DeviceProbes probes,
            AgentState state,
            int queueLength,
            String currentJobId,
            java.time.Instant at) {
        return new AgentStatus(
                AgentStatus.SCHEMA_VERSION,
                state,
                config.deviceId(),
                AgentVersion.current(),
                config.profile() != null ? config.profile() : probes.profile(),
                probes.runtimes(),
                probes.accelerators(),
                queueLength,
                currentJobId,
                at.toString());
    }

    private void publishStatus() {
        AgentState state = queue.currentJobId() != null ? AgentState.BUSY : AgentState.ONLINE;
        if (!stopping) {
            link.publish(
                    BrokerLink.Outbound.of(Topics.status(config.deviceId()), status(state), Topics.QOS_RESULT, true));
            if (homeAssistant != null) {
                homeAssistant.onState(state);
            }
        }
    }

    private void serve(BrokerLink.Inbound in, String verb) {
        String ts = clock.instant().toString();
        String rt = in.responseTopic();
        String problem =
                rt == null ? null : Topics.responseTopicProblem(config.deviceId(), rt, config.responseTopicPrefixes());
        Reply reply;
        try {
            if (problem != null) {
                log.accept("command event=response_topic_refused verb=" + verb + " response_topic=\""
                        + truncate(rt).replaceAll("[\\p{Cntrl}\"]", "?") + "\" reason=\"" + problem + "\" replied_on="
                        + Topics.reply(config.deviceId()));
                // Not run at all: the request could have made the agent publish on a topic it listens to.
                throw CommandRejectedException.badRequest(
                        verb, "response topic [" + truncate(rt) + "] is not allowed: " + problem, null);
            }
            reply = Reply.ok(verb, config.deviceId(), ts, handler.handle(parser.parse(verb, in.payload())));
        } catch (CommandRejectedException e) {
            reply = Reply.rejected(verb, config.deviceId(), ts, e.code(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The message travels to whoever sent the request: no paths or internals, the log has the details.
            String ref = Long.toHexString(System.nanoTime());
            reply = Reply.rejected(
                    verb,
                    config.deviceId(),
                    ts,
                    Topics.ERR_INTERNAL,
                    "Command [" + verb + "] failed"
                            + " inside the agent (" + e.getClass().getSimpleName()
                            + "); the agent's log has the details under"
                            + " ref=" + ref);
            log.accept("command event=internal_error verb=" + verb + " ref=" + ref + " reason=\"" + e + "\"");
        }
        String topic = rt == null || problem != null ? Topics.reply(config.deviceId()) : rt;
        link.publish(new BrokerLink.Outbound(topic, bytes(reply), Topics.QOS_COMMAND, false, in.correlationData()));
    }

    private static String truncate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /**
     * A command dropped in a flood or refused before queueing: its sender is told (QoS 0, at most
     * {@link #BUSY_REPLIES_PER_S} a second so the replies stay bounded); drops are counted in commands_dropped.
     */
    private void tellRefused(BrokerLink.Inbound in, String verb, String code, String message) {
        long second = System.nanoTime() / 1_000_000_000L;
        synchronized (busyWindow) {
            if (busyWindow[0] != second) {
                busyWindow[0] = second;
                busyWindow[1] = 0;
            }
            if (++busyWindow[1] > BUSY_REPLIES_PER_S) {
                return;
            }
        }
        String rt = in.responseTopic();
        String topic =
                rt == null || Topics.responseTopicProblem(config.deviceId(), rt, config.responseTopicPrefixes()) != null
                        ? Topics.reply(config.deviceId())
                        : rt;
        Reply reply = Reply.rejected(
                truncate(verb), config.deviceId(), clock.instant().toString(), code, message);
        link.publish(new BrokerLink.Outbound(topic, bytes(reply), 0, false, in.correlationData()));
    }

    private void publishTelemetry() {
        if (queue.currentJobId() != null && !config.telemetryDuringJobs()) {
            return; // sampling perturbs benchmarks of small models
        }
        try {
            SensorsSnapshot snapshot = probes.sensors();
            if (config.telemetryPeriodS() > 0) {
                TelemetryMessage m =
                        TelemetryMessage.of(config.deviceId(), clock.instant().toString(), snapshot);
                link.publish(BrokerLink.Outbound.of(Topics.telemetry(config.deviceId()), bytes(m), 0, false));
            }
            if (homeAssistant != null) {
                homeAssistant.onSensors(snapshot);
            }
        } catch (Exception e) {
            log.accept("telemetry event=read_failed reason=\"" + e.getMessage() + "\"");
        }
    }

    private static byte[] bytes(Object o) {
        try {
            return Json.mapper().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("JSON serialisation failed: " + e.getMessage(), e);
        }
    }

    private static ThreadPoolExecutor pool(String name, int backlog) {
        return new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(backlog),
                r -> daemon(r, name),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private final class Listener implements BrokerLink.Listener {
        @Override
        public void onConnected() {
            publishStatus();
            background.execute(outbox::publishAll);
            if (homeAssistant != null) {
                background.execute(homeAssistant::announce);
                background.execute(Agent.this::publishTelemetry);
            }
        }

        @Override
        public void onMessage(BrokerLink.Inbound in) {
            if (homeAssistant != null && in.topic().equals(HomeAssistantBridge.subscription())) {
                if (!stopping && HomeAssistantBridge.isBirth(in)) {
                    haAnnounce.request(); // publishes, so not on the link's thread; coalesced: births can flood
                }
                return;
            }
            String verb = Topics.verbOf(in.topic()).orElse(null);
            if (verb == null || stopping) {
                return;
            }
            if (retained.skip(in)) {
                return;
            }
            int bytes = in.payload().length;
            if (bytes > CommandParser.maxPayloadBytes(verb)) {
                // Refused before it is queued: 400 allowed-size packets of 1 MB queued first ran the heap out.
                tellRefused(
                        in,
                        verb,
                        Topics.ERR_TOO_LARGE,
                        "Command [" + truncate(verb) + "] rejected: payload is " + bytes + " bytes, at most "
                                + CommandParser.maxPayloadBytes(verb) + " are accepted for this verb.");
                return;
            }
            if (backlogBytes.addAndGet(bytes) > MAX_BACKLOG_BYTES) {
                backlogBytes.addAndGet(-bytes);
                dropped(in, verb);
                return;
            }
            try {
                (Topics.MODELS_PUT.equals(verb) || Topics.SETS_PUT.equals(verb) ? uploads : commands).execute(() -> {
                    try {
                        serve(in, verb);
                    } finally {
                        backlogBytes.addAndGet(-bytes);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                backlogBytes.addAndGet(-bytes);
                dropped(in, verb);
            }
        }

        private void dropped(BrokerLink.Inbound in, String verb) {
            long n = dropped.incrementAndGet();
            tellRefused(
                    in,
                    verb,
                    Topics.ERR_BUSY,
                    "Command [" + truncate(verb) + "] dropped: the agent's command" + " backlog is full (" + n
                            + " dropped so far, see commands_dropped in the status). Retry later.");
            long now = System.currentTimeMillis();
            if (now - lastDropStatusMs > 1000) {
                lastDropStatusMs = now;
                try {
                    background.execute(Agent.this::publishStatus);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    // stopping: the offline status goes out anyway
                }
            }
            if (n == 1 || n % 1000 == 0) {
                log.accept("command event=dropped verb=" + RequestFieldsTruncate.of(verb) + " dropped_total=" + n
                        + " (command backlog full: flood?)");
            }
        }
    }

    private final class Events implements JobEvents {
        @Override
        public void onStarted(Job job) {
            log.accept("jobs event=started job_id=" + job.jobId() + " verb=" + job.verb());
            background.execute(Agent.this::publishStatus);
        }

        @Override
        public void onProgress(Job job, Phase phase, long runsDone, long runsTarget, double etaSeconds) {
            long now = System.currentTimeMillis();
            Long last = lastProgressMs.get(job.jobId());
            if (phase == Phase.RUN && last != null && now - last < PROGRESS_INTERVAL_MS) {
                return;
            }
            lastProgressMs.put(job.jobId(), now);
            Progress n = Progress.of(
                    job.jobId(),
                    phase,
                    runsDone,
                    runsTarget,
                    etaSeconds,
                    clock.instant().toString());
            link.publish(BrokerLink.Outbound.of(Topics.progress(config.deviceId(), job.jobId()), bytes(n), 0, false));
        }

        @Override
        public boolean onFinished(Job job, JobResult result) {
            lastProgressMs.remove(job.jobId());
            byte[] message = bytes(result);
            boolean durable = outbox.store(job.jobId(), message);
            if (homeAssistant != null) {
                homeAssistant.onResult(message);
            }
            return durable;
        }

        @Override
        public void onQueueChanged() {
            // Called under the queue's lock: publish from another thread.
            background.execute(Agent.this::publishStatus);
        }
    }

    /** Verbs come from topics anyone may publish to: keep them short in logs. */
    private static final class RequestFieldsTruncate {
        static String of(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }
    }
}

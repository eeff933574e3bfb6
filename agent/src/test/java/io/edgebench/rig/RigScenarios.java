package io.edgebench.rig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.collect.CollectorProcess;
import io.edgebench.controller.Controller;
import io.edgebench.json.Json;
import io.edgebench.resultstore.PostgresServer;
import io.edgebench.testkit.MosquittoBroker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The controller's side of the rig: a fleet bench to every agent (plain, then with the broker restarted, a collector
 * SIGKILLed and PostgreSQL restarted mid-stream) and `fleet status` over every retained status. Each prints one
 * key=value line of figures; a lost or doubled result makes {@link #runAll()} false.
 */
final class RigScenarios {
    /** How far into a job's results a disruption strikes. */
    private static final double MID_STREAM = 0.3;

    private static final long DOWN_MS = 5_000;

    private final FleetRig.Options options;
    private final String url;
    private final MosquittoBroker broker;
    private final PostgresServer pg;
    private final List<CollectorProcess> collectors;
    private final EmulatedFleet fleet;
    private final LinkAgents link;
    private final AttemptClock emulatedAttempts;
    private final StoreProbe probe;

    RigScenarios(
            FleetRig.Options options,
            String url,
            MosquittoBroker broker,
            PostgresServer pg,
            List<CollectorProcess> collectors,
            EmulatedFleet fleet,
            LinkAgents link,
            AttemptClock emulatedAttempts,
            StoreProbe probe) {
        this.options = options;
        this.url = url;
        this.broker = broker;
        this.pg = pg;
        this.collectors = collectors;
        this.fleet = fleet;
        this.link = link;
        this.emulatedAttempts = emulatedAttempts;
        this.probe = probe;
    }

    boolean runAll() throws Exception {
        boolean ok = fleetBench("plain", null);
        ok &= fleetStatus();
        ok &= fleetBench("broker_restart", this::restartBroker);
        ok &= fleetBench("collector_kill", this::killCollector);
        ok &= fleetBench("postgres_restart", this::restartPostgres);
        return ok;
    }

    private boolean fleetBench(String scenario, Disruption disruption) throws Exception {
        long total = fleet.size() + link.size();
        String jobId = Controller.newJobId();
        ObjectNode request = Json.mapper()
                .createObjectNode()
                .put("model", "mobilenet_v2.tflite")
                .put("runs", 100)
                .put("job_id", jobId);
        long redeliveriesBefore = duplicatesLogged();
        long noSubscriberBefore = fleet.ackedWithoutSubscriber();
        long retriesBefore = fleet.resultRetries();
        long triggerMs;
        long accepted;
        try (Controller controller = Controller.connect(url, null, null, Duration.ofSeconds(30))) {
            triggerMs = System.currentTimeMillis();
            CompletableFuture<List<Controller.Reply>> replies = CompletableFuture.supplyAsync(() -> {
                try {
                    return controller.requestFleet("bench", request, Duration.ofSeconds(20));
                } catch (Controller.UnavailableException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            if (disruption != null) {
                awaitRows(jobId, (long) (total * MID_STREAM), 120);
                disruption.strike();
            }
            accepted = replies.join().stream().filter(Controller.Reply::ok).count();
        }
        boolean complete = awaitRows(jobId, total, 90);
        StoreProbe.JobFigures f = probe.figures(jobId, triggerMs);
        System.out.printf(
                "fleet_bench scenario=%s agents=%d replies_in_20s=%d stored=%d missing=%d"
                        + " lanes=%d redeliveries_dropped_by_key=%d trigger_to_stored_p50_ms=%d trigger_to_stored_p99_ms=%d"
                        + " trigger_to_stored_max_ms=%d collector_rows_per_s=%.0f emulated_publish_retries=%d"
                        + " emulated_acked_no_subscriber=%d%n",
                scenario,
                total,
                accepted,
                f.rows(),
                total - f.devices(),
                f.lanes(),
                duplicatesLogged() - redeliveriesBefore,
                f.percentileMs(50),
                f.percentileMs(99),
                f.percentileMs(100),
                f.rowsPerS(),
                fleet.resultRetries() - retriesBefore,
                fleet.ackedWithoutSubscriber() - noSubscriberBefore);
        return complete && f.devices() == total && f.lanes() == f.rows();
    }

    private boolean fleetStatus() throws Exception {
        long total = fleet.size() + link.size();
        // --wait 10: on a loaded 2-core machine the first retained status can take longer than the default 2 s.
        FleetStatusRun.Figures f = FleetStatusRun.run(url, options.dir(), 10);
        System.out.printf(
                "fleet_status agents=%d listed=%d online=%d exit=%d time_s=%.2f (--wait 10) peak_rss_mb=%.0f"
                        + " stdout_bytes=%d%n",
                total, f.lines() - 1, f.online(), f.exit(), f.timeS(), f.peakRssKb() / 1024.0, f.stdoutBytes());
        return f.exit() == 0 && f.lines() - 1 == total;
    }

    /** SIGTERM (persistence saved), down for a while, started again; then every agent must come back. */
    private void restartBroker() throws Exception {
        long linkBefore = link.connectAttempts();
        long downAtMs = System.currentTimeMillis();
        broker.stop();
        Thread.sleep(DOWN_MS);
        broker.restart();
        long upAtMs = System.currentTimeMillis();
        long[] linkPerS = new long[600];
        int seconds = 0;
        long last = link.connectAttempts();
        while (seconds < linkPerS.length && (fleet.connected() < fleet.size() || link.connected() < link.size())) {
            Thread.sleep(1000);
            long now = link.connectAttempts();
            linkPerS[seconds++] = now - last;
            last = now;
        }
        long allBackMs = System.currentTimeMillis() - upAtMs;
        long[] emulated = emulatedAttempts.between(downAtMs, System.currentTimeMillis());
        long[] linkSeries = Arrays.copyOf(linkPerS, seconds);
        System.out.printf(
                "broker_restart down_s=%.0f all_reconnected_s=%.1f still_disconnected=%d"
                        + " emulated_attempts_total=%d emulated_attempts_peak_per_s=%d link_agents=%d"
                        + " link_attempts_total=%d link_attempts_peak_per_s=%d%n",
                DOWN_MS / 1000.0,
                allBackMs / 1000.0,
                fleet.size() - fleet.connected() + link.size() - link.connected(),
                LongStream.of(emulated).sum(),
                LongStream.of(emulated).max().orElse(0),
                link.size(),
                link.connectAttempts() - linkBefore,
                LongStream.of(linkSeries).max().orElse(0));
        System.out.println("broker_restart emulated_attempts_per_s=" + series(emulated));
        System.out.println("broker_restart link_attempts_per_s_after_restart=" + series(linkSeries));
    }

    /** SIGKILL one member of the group, then start it again under the same client id (its share waits there). */
    private void killCollector() throws Exception {
        CollectorProcess victim = collectors.get(0);
        victim.kill();
        System.out.println("collector_kill killed=rig-collect-0 down_s=" + DOWN_MS / 1000);
        Thread.sleep(DOWN_MS);
        try {
            victim.start();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // A loaded broker can take longer than the kit's minute to answer its CONNECT; the process keeps trying
            // (its link's backoff), and the job's rows say whether its share arrived.
            System.out.println("collector_kill restarted_subscribed=not_within_60_s (still retrying)");
        }
    }

    private void restartPostgres() throws Exception {
        pg.stopServer();
        System.out.println("postgres_restart stopped down_s=" + DOWN_MS / 1000);
        Thread.sleep(DOWN_MS);
        pg.startServer();
    }

    /**
     * Waits for {@code rows} rows of the job; gives up after {@code stallS} seconds without a new row. What is not
     * stored then is printed as missing: not necessarily lost (a collector's share may still wait in its session).
     */
    private boolean awaitRows(String jobId, long rows, int stallS) throws InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(stallS)) {
            long now = probe.rows(jobId);
            if (now >= rows) {
                return true;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            Thread.sleep(200);
        }
        return false;
    }

    private long duplicatesLogged() throws java.io.IOException {
        long n = 0;
        for (CollectorProcess c : collectors) {
            n += c.count("collect event=duplicate");
        }
        return n;
    }

    static void awaitConnected(EmulatedFleet fleet, LinkAgents link, int timeoutS) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (fleet.connected() < fleet.size() || link.connected() < link.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after " + timeoutS + " s only " + fleet.connected() + " of "
                        + fleet.size() + " emulated and " + link.connected() + " of " + link.size()
                        + " link agents are connected; see the broker's log in the rig's dir");
            }
            Thread.sleep(200);
        }
    }

    private static String series(long[] perS) {
        return LongStream.of(perS).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    @FunctionalInterface
    private interface Disruption {
        void strike() throws Exception;
    }
}

package io.edgebench.rig;

import io.edgebench.collect.CollectorProcess;
import io.edgebench.resultstore.PostgresServer;
import io.edgebench.testkit.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The fleet load rig (issue 24; {@code bench/fleet-rig.sh} runs it): a mosquitto on loopback with its limits
 * raised, a throwaway PostgreSQL, two or more {@code edgebench collect} processes in one shared-subscription group,
 * N emulated agents plus a few hundred on the agent's own link code, and the controller's scenarios
 * ({@link RigScenarios}). It prints figures; it asserts nothing a noisy machine could flake on, but says FAIL (and
 * exits 1) when a result was lost or stored twice.
 */
public final class FleetRig {
    private FleetRig() {}

    /**
     * @param agents emulated agents (HiveMQ's async client, one shared event loop)
     * @param linkAgents agents on {@code PahoBrokerLink}, the real agent's link
     * @param collectors {@code collect} processes in one group
     */
    record Options(int agents, int linkAgents, int collectors, long workMinMs, long workMaxMs, Path dir) {
        Options {
            if (agents < 1 || agents > 50_000) {
                throw new IllegalArgumentException("--agents [" + agents + "] must be 1..50000");
            }
            if (linkAgents < 0 || linkAgents > 2_000) {
                throw new IllegalArgumentException(
                        "--link-agents [" + linkAgents + "] must be 0..2000 (each costs" + " Paho's threads)");
            }
            if (collectors < 2 || collectors > 8) {
                throw new IllegalArgumentException(
                        "--collectors [" + collectors + "] must be 2..8 (a group needs two" + " to show a kill)");
            }
        }

        static Options parse(String[] args) throws IOException {
            int agents = 10_000;
            int link = 300;
            int collectors = 2;
            Path dir = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--agents" -> agents = integer(args[i], value, "1..50000");
                    case "--link-agents" -> link = integer(args[i], value, "0..2000");
                    case "--collectors" -> collectors = integer(args[i], value, "2..8");
                    case "--dir" -> {
                        if (value == null) {
                            throw new IllegalArgumentException("--dir needs a value, a directory; e.g. --dir /tmp/rig");
                        }
                        dir = Path.of(value);
                    }
                    default ->
                        throw new IllegalArgumentException("option [" + args[i] + "] is unknown; expected"
                                + " --agents N, --link-agents N, --collectors N, --dir DIR");
                }
                i++;
            }
            return new Options(
                    agents,
                    link,
                    collectors,
                    1_000,
                    5_000,
                    dir != null ? dir : Files.createTempDirectory("edgebench-fleet-rig"));
        }

        private static int integer(String option, String value, String range) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        option + " [" + value + "] must be an integer " + range + "; e.g. " + option + " 500", e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        long openFiles = RigLimits.openFilesLimit();
        System.out.println("rig agents=" + o.agents() + " link_agents=" + o.linkAgents() + " collectors="
                + o.collectors() + " open_files_limit=" + openFiles + " dir=" + o.dir());
        RigLimits.checkOpenFiles(openFiles, o.agents() + o.linkAgents());
        boolean ok;
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        try (PostgresServer pg = PostgresServer.start();
                MosquittoBroker broker =
                        MosquittoBroker.start(o.dir().resolve("broker"), true, RigLimits.BROKER_LINES)) {
            String url = "tcp://127.0.0.1:" + broker.port();
            String db = pg.url().jdbcUrl();
            List<CollectorProcess> collectors = new ArrayList<>();
            try {
                for (int i = 0; i < o.collectors(); i++) {
                    CollectorProcess c = new CollectorProcess(o.dir(), url, db, "rig-collect-" + i, "rig");
                    c.start();
                    collectors.add(c);
                }
                AttemptClock emulatedAttempts = new AttemptClock(System.currentTimeMillis());
                long t0 = System.nanoTime();
                try (EmulatedFleet fleet = new EmulatedFleet(
                                "rig",
                                o.agents(),
                                broker.port(),
                                workers,
                                emulatedAttempts,
                                o.workMinMs(),
                                o.workMaxMs());
                        LinkAgents link = new LinkAgents(
                                "rig-link",
                                o.linkAgents(),
                                url,
                                o.dir().resolve("outboxes"),
                                workers,
                                o.workMinMs(),
                                o.workMaxMs())) {
                    fleet.connectAll();
                    RigScenarios.awaitConnected(fleet, link, 300);
                    System.out.printf(
                            "connect agents=%d link_agents=%d time_s=%.1f%n",
                            fleet.connected(), link.connected(), (System.nanoTime() - t0) / 1e9);
                    RigScenarios s = new RigScenarios(
                            o, url, broker, pg, collectors, fleet, link, emulatedAttempts, new StoreProbe(db));
                    ok = s.runAll();
                }
            } finally {
                for (CollectorProcess c : collectors) {
                    c.stop();
                }
            }
        } finally {
            workers.shutdownNow();
        }
        System.out.println("rig load_average=\""
                + Files.readString(Path.of("/proc/loadavg")).trim() + "\" cpus="
                + Runtime.getRuntime().availableProcessors());
        System.out.println(ok ? "rig PASS" : "rig FAIL");
        // The one place outside cli that exits: this is a rig's main, run by bench/fleet-rig.sh, never by the agent.
        System.exit(ok ? 0 : 1);
    }
}

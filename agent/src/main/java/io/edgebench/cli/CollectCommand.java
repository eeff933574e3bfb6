package io.edgebench.cli;

import io.edgebench.collect.CollectSettings;
import io.edgebench.collect.MetricsServer;
import io.edgebench.collect.ResultCollector;
import io.edgebench.link.Backoff;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.ResultStore;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `edgebench collect`: keeps every result the fleet publishes in a database (docs/results.md). */
@Command(
        name = "collect",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = {
            "Subscribe to every agent's results and statuses with a persistent MQTT 5 session and store "
                    + "each result once (device id + job id) in SQLite or PostgreSQL. Runs until SIGTERM.",
            "  collect --broker tcp://b:1883                                  # ./edgebench-results.db",
            "  collect --broker tcp://b:1883 --db jdbc:postgresql://db/edgebench --group collectors"
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "143:stopped by SIGTERM after a clean disconnect (the JVM's code for it)",
            "64:bad usage",
            "69:the database is unreachable at start, nothing could be stored for --max-store-wait-s, the store"
                    + " thread died, or a message could be neither stored nor quarantined"
        })
public final class CollectCommand implements Callable<Integer> {
    @Mixin
    BrokerOptions broker;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            defaultValue = DatabaseUrl.DEFAULT,
            description = "jdbc:sqlite:FILE or jdbc:postgresql://host:5432/db; default ${DEFAULT-VALUE}")
    String db;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            description = "database user; the password comes from " + "$EDGEBENCH_DB_PASSWORD")
    String dbUser;

    @Option(
            names = "--group",
            paramLabel = "NAME",
            description = "shared subscription group: collectors in one "
                    + "group split the results (each to one of them); give each its own --client-id, and keep that id stable"
                    + " across restarts: the broker keeps the collector's session under it")
    String group;

    @Option(
            names = "--session-expiry-s",
            paramLabel = "S",
            defaultValue = "" + CollectSettings.DEFAULT_SESSION_EXPIRY_S,
            description = "how long the broker queues results while this collector is away; default ${DEFAULT-VALUE}")
    long sessionExpiryS;

    @Option(
            names = "--max-store-wait-s",
            paramLabel = "S",
            defaultValue = "" + CollectSettings.DEFAULT_MAX_STORE_WAIT_S,
            description =
                    "while the database refuses a message for a"
                            + " passing reason (down, locked, file gone) the collector holds it unacknowledged and retries; after"
                            + " this many seconds without progress it exits 69 so that systemd restarts it; default ${DEFAULT-VALUE}")
    long maxStoreWaitS;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description =
                    "serve the newest figures per device on "
                            + "http://ADDRESS:PORT/metrics in the Prometheus text format (0: any free port; default: not served)")
    Integer metricsPort;

    @Option(
            names = "--metrics-address",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "address the metrics endpoint listens on; default ${DEFAULT-VALUE} (0.0.0.0 for a "
                    + "Prometheus on another host: the figures are then readable by anyone who can reach it)")
    String metricsAddress;

    @Override
    public Integer call() throws Exception {
        LinkSettings link = broker.link("edgebench-collect-" + host())
                .backoff(new Backoff(1000, 60_000, Math::random))
                .session(LinkSettings.Session.persistent(sessionExpiryS))
                .build();
        CollectSettings settings = new CollectSettings(link, group, CollectSettings.Retry.giveUpAfter(maxStoreWaitS));
        DatabaseUrl url = DatabaseUrl.of(db, dbUser, System.getenv("EDGEBENCH_DB_PASSWORD"));
        ResultStore store;
        try {
            store = ResultStore.open(url);
        } catch (ResultStore.StoreException e) {
            System.err.println("edgebench: " + e.getMessage());
            return ExitCode.UNAVAILABLE;
        }
        ResultCollector collector = new ResultCollector(
                settings,
                store,
                new PahoBrokerLink(link, System.out::println),
                System.out::println,
                System::currentTimeMillis);
        MetricsServer metrics = null;
        if (metricsPort != null) {
            try {
                metrics = MetricsServer.start(metricsAddress, metricsPort, url, collector::health, System.out::println);
            } catch (java.io.IOException e) {
                System.err.println("edgebench: " + e.getMessage());
                store.close();
                return ExitCode.UNAVAILABLE;
            }
        }
        MetricsServer served = metrics;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (served != null) {
                                served.close();
                            }
                            collector.close();
                            store.close();
                            stopped.countDown();
                        },
                        "collect-shutdown"));
        collector.start();
        // Whichever comes first: SIGTERM (the hook closes everything), or the collector giving up on its store.
        java.util.concurrent.CompletableFuture.anyOf(
                        collector.gaveUp(),
                        java.util.concurrent.CompletableFuture.runAsync(() -> awaitQuietly(stopped)))
                .join();
        return collector.gaveUp().isDone() ? ExitCode.UNAVAILABLE : ExitCode.OK;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String host() {
        try {
            String h = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return h.isEmpty() ? "host" : h;
        } catch (java.net.UnknownHostException e) {
            return "host";
        }
    }
}

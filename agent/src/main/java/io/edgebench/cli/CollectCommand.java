package io.edgebench.cli;

import io.edgebench.collect.CollectSettings;
import io.edgebench.collect.ResultCollector;
import io.edgebench.link.Backoff;
import io.edgebench.link.LinkSettings;
import io.edgebench.link.PahoBrokerLink;
import io.edgebench.resultstore.DatabaseUrl;
import io.edgebench.resultstore.ResultStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `edgebench collect`: keeps every result the fleet publishes in a database (docs/results.md). */
@Command(name = "collect", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Subscribe to every agent's results and statuses with a persistent MQTT 5 session and store "
                + "each result once (device id + job id) in SQLite or PostgreSQL. Runs until SIGTERM.",
            "  collect --broker tcp://b:1883                                  # ./edgebench-results.db",
            "  collect --broker tcp://b:1883 --db jdbc:postgresql://db/edgebench --group collectors"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"143:stopped by SIGTERM after a clean disconnect (the JVM's code for it)", "64:bad usage",
            "69:the database is unreachable at start, or nothing could be stored for --max-store-wait-s"})
public final class CollectCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, paramLabel = "URL", description = "tcp://host:1883 or ssl://host:8883")
    String broker;

    @Option(names = "--db", paramLabel = "JDBC_URL", defaultValue = DatabaseUrl.DEFAULT,
            description = "jdbc:sqlite:FILE or jdbc:postgresql://host:5432/db; default ${DEFAULT-VALUE}")
    String db;

    @Option(names = "--db-user", paramLabel = "NAME", description = "database user; the password comes from "
            + "$EDGEBENCH_DB_PASSWORD")
    String dbUser;

    @Option(names = "--client-id", paramLabel = "ID", description = "MQTT client id: the broker keeps this "
            + "collector's session under it, so keep it stable across restarts; default edgebench-collect-<host>")
    String clientId;

    @Option(names = "--group", paramLabel = "NAME", description = "shared subscription group: collectors in one "
            + "group split the results (each to one of them); give each its own --client-id")
    String group;

    @Option(names = "--session-expiry-s", paramLabel = "S", defaultValue = "" + CollectSettings.DEFAULT_SESSION_EXPIRY_S,
            description = "how long the broker queues results while this collector is away; default ${DEFAULT-VALUE}")
    long sessionExpiryS;

    @Option(names = "--max-store-wait-s", paramLabel = "S", defaultValue = ""
            + CollectSettings.DEFAULT_MAX_STORE_WAIT_S, description = "while the database refuses a message for a"
            + " passing reason (down, locked, file gone) the collector holds it unacknowledged and retries; after"
            + " this many seconds without progress it exits 69 so that systemd restarts it; default ${DEFAULT-VALUE}")
    long maxStoreWaitS;

    @Option(names = "--username", paramLabel = "NAME",
            description = "broker user; the password comes from $EDGEBENCH_MQTT_PASSWORD")
    String username;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA bundle for ssl://")
    Path caFile;

    @Option(names = "--cert-file", paramLabel = "PEM", description = "client certificate (mutual TLS)")
    Path certFile;

    @Option(names = "--key-file", paramLabel = "PEM", description = "PKCS#8 client key (mutual TLS)")
    Path keyFile;

    @Override
    public Integer call() throws Exception {
        String id = clientId != null ? clientId : "edgebench-collect-" + host();
        LinkSettings link = LinkSettings.builder(broker, id)
                .credentials(username, System.getenv("EDGEBENCH_MQTT_PASSWORD")).tls(caFile, certFile, keyFile)
                .backoff(new Backoff(1000, 60_000, Math::random)).session(LinkSettings.Session.persistent(sessionExpiryS))
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
        CountDownLatch stopped = new CountDownLatch(1);
        ResultCollector collector = new ResultCollector(settings, store,
                new PahoBrokerLink(link, System.out::println), System.out::println, System::currentTimeMillis);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            store.close();
            stopped.countDown();
        }, "collect-shutdown"));
        collector.start();
        // Whichever comes first: SIGTERM (the hook closes everything), or the collector giving up on its store.
        java.util.concurrent.CompletableFuture.anyOf(collector.gaveUp(),
                java.util.concurrent.CompletableFuture.runAsync(() -> awaitQuietly(stopped))).join();
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

package io.edgebench.collect;

import io.edgebench.resultstore.PostgresServer;
import io.edgebench.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two collectors in one shared group writing one real PostgreSQL, one killed mid-stream (docs/results.md). */
@Tag("slow")
class CollectPostgresTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sharedGroup_onePostgres_oneKilledMidStream_storesEveryResultOnce() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
                MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            CollectScenarios.sharedGroupKillOne(broker.url(), pg.url(), tmp);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void postgresDown_midStream_resultsWaitInTheBrokerAndAreStoredOnceWhenItIsBack() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
                MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            CollectScenarios.databaseOutage(broker.url(), pg.url(), tmp, new CollectScenarios.DatabaseControl() {
                @Override
                public void stop() throws Exception {
                    pg.stopServer();
                }

                @Override
                public void start() throws Exception {
                    pg.startServer();
                }
            });
        }
    }
}

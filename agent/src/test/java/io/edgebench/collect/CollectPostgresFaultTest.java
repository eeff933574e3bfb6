package io.edgebench.collect;

import io.edgebench.resultstore.PostgresServer;
import io.edgebench.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21 on mosquitto and a real PostgreSQL (the testkit's throwaway cluster). */
@Tag("slow")
class CollectPostgresFaultTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void postgresStopped30s_whileResultsFlow_allStoredOnce_noRestart() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
                MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            StoreFaultScenarios.outageWhileResultsFlow(
                    broker.url(), pg.url(), tmp, new CollectScenarios.DatabaseControl() {
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

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void poisonOnPostgres_quarantined_validOnesStored() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
                MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            StoreFaultScenarios.poisonThenValid(broker.url(), pg.url(), tmp);
        }
    }
}

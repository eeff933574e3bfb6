package io.edgebench.collect;

import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.resultstore.DatabaseUrl;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `edgebench collect` processes on a real mosquitto, storing into SQLite (docs/results.md). */
@Tag("slow")
class CollectMosquittoTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void restart_whileAgentsPublish_storesEveryResultOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            DatabaseUrl db = DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("results.db"), null, null);
            CollectScenarios.restartKeepsEverything(broker.url(), db, tmp);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void sharedGroup_oneKilledMidStream_storesEveryResultOnce() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            DatabaseUrl db = DatabaseUrl.of("jdbc:sqlite:" + tmp.resolve("results.db"), null, null);
            CollectScenarios.sharedGroupKillOne(broker.url(), db, tmp);
        }
    }
}

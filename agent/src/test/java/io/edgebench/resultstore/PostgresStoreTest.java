package io.edgebench.resultstore;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The store on a real PostgreSQL started by the test (see {@link PostgresServer}). */
@Tag("slow")
class PostgresStoreTest {
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void postgres_storesOnce_queriesByDeviceModelAndTime() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            ResultStoreTest.roundTrip(pg.url());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void postgres_quarantinesPoison_rawBytesAndNulFreeText() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            StoreFailureTest.roundTripQuarantine(pg.url());
        }
    }
}

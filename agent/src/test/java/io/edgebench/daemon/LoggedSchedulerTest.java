package io.edgebench.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agent's background thread: a failing task is logged, and a periodic one keeps running (the outbox retry). */
class LoggedSchedulerTest {
    @Test
    void fixedDelay_taskThrows_isLoggedAndRunsAgain() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        LoggedScheduler scheduler = new LoggedScheduler("test-bg", log::add);
        CountDownLatch runs = new CountDownLatch(3);
        try {
            scheduler.scheduleWithFixedDelay(
                    () -> {
                        runs.countDown();
                        throw new IllegalStateException("broker gone");
                    },
                    0,
                    10,
                    TimeUnit.MILLISECONDS);

            assertTrue(runs.await(5, TimeUnit.SECONDS), "the task stopped after throwing");
            assertTrue(log.get(0).contains("event=task_failed") && log.get(0).contains("broker gone"), log.get(0));
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void execute_taskThrows_isLogged() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        LoggedScheduler scheduler = new LoggedScheduler("test-bg", log::add);
        try {
            scheduler.execute(() -> {
                throw new IllegalArgumentException("bad status");
            });
            scheduler.shutdown();
            assertTrue(scheduler.awaitTermination(5, TimeUnit.SECONDS));
            assertTrue(log.size() == 1 && log.get(0).contains("bad status"), log.toString());
        } finally {
            scheduler.shutdownNow();
        }
    }
}

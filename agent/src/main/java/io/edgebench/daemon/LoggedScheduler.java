package io.edgebench.daemon;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's background thread. A plain scheduled executor keeps a task's exception in a future nobody reads, and a
 * periodic task that throws once is never run again (the outbox retry stopped for good). Here every task, however
 * submitted (execute, schedule, fixed rate or delay), is run by {@link #logged}: a failure is logged and a periodic
 * task keeps its schedule.
 */
final class LoggedScheduler extends ScheduledThreadPoolExecutor {
    private final Consumer<String> log;

    LoggedScheduler(String threadName, Consumer<String> log) {
        super(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.log = log;
    }

    /** Runs the task; a RuntimeException is logged ({@code event=task_failed}), not thrown. */
    Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.accept(
                        "background event=task_failed task=" + task.getClass().getName() + " reason=\"" + e
                                + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?")
                                + "\" (logged; a periodic task runs again at its next time)");
            }
        };
    }

    @Override // execute and submit come here too
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return super.schedule(logged(task), delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(logged(task), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return super.scheduleWithFixedDelay(logged(task), initialDelay, delay, unit);
    }
}

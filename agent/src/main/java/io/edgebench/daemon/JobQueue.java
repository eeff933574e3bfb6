package io.edgebench.daemon;

import io.edgebench.results.Phase;
import io.edgebench.store.JobStore;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobOutput;
import io.edgebench.wire.JobResult;
import io.edgebench.wire.JobStage;
import io.edgebench.wire.JobStatus;
import io.edgebench.wire.ReplyData;
import io.edgebench.wire.Topics;
import io.edgebench.worker.BenchListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One job at a time (benchmarks must never overlap), at most {@code capacity} waiting; every accepted job is
 * persisted by {@link JobStore} and ends with exactly one {@link JobResult}: ok, failed, cancelled or interrupted.
 */
public final class JobQueue implements AutoCloseable {
    /** Job ids: sortable by acceptance time, unique enough for a fleet. */
    private static final java.time.format.DateTimeFormatter ID_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(java.time.ZoneOffset.UTC);

    private final int capacity;
    private final String deviceId;
    private final JobStore store;
    private final UsedJobIds usedIds;
    private final JobExecutor executor;
    private final JobEvents events;
    private final Consumer<String> log;
    private final Clock clock;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Thread runner;
    private long nextSeq = 1;
    private Job current;
    private long currentStartedNanos;
    private AtomicBoolean currentCancel;
    private String currentStopReason;
    private boolean accepting = true;

    JobQueue(
            String deviceId,
            int capacity,
            JobStore store,
            JobExecutor executor,
            JobEvents events,
            Consumer<String> log,
            Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue_capacity [" + capacity + "] must be >= 1");
        }
        this.capacity = capacity;
        this.deviceId = deviceId;
        this.store = store;
        try {
            this.usedIds = new UsedJobIds(store.dir().resolve("used-job-ids"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "jobs dir [" + store.dir() + "]: used-job-ids unreadable: " + e.getMessage(), e);
        }
        this.executor = executor;
        this.events = events;
        this.log = log;
        this.clock = clock;
        this.runner = new Thread(this::runLoop, "job-runner");
    }

    /**
     * Reads the persisted jobs: a job that was running when the agent died is reported interrupted, queued ones are
     * queued again in order. Then starts the runner thread.
     */
    void start(java.util.function.Predicate<String> alreadyReported) throws IOException {
        for (JobStore.Stored s : store.loadAll()) {
            Job job = s.job();
            nextSeq = Math.max(nextSeq, job.seq() + 1);
            if (alreadyReported.test(job.jobId())) {
                store.delete(job); // the result reached the outbox just before the agent died
            } else if (s.state() == JobStage.RUNNING) {
                finish(
                        job,
                        JobStatus.INTERRUPTED,
                        "the agent stopped while the job ran (restart, crash or" + " power loss); run it again",
                        null,
                        job.acceptedAt());
            } else {
                synchronized (this) {
                    waiting.addLast(job);
                }
                log.accept("jobs event=requeued job_id=" + job.jobId());
            }
        }
        runner.start();
    }

    /** Accepts a job or rejects it (busy, duplicate job id, shutting down); returns {job_id, queue_position}. */
    public synchronized ReplyData.Accepted submit(Command.JobCommand command)
            throws CommandRejectedException, IOException {
        if (!accepting) {
            throw new CommandRejectedException(
                    Topics.ERR_BUSY,
                    "Command [" + command.verb()
                            + "] rejected: the agent is shutting down. Send it again once its status is online.");
        }
        if (waiting.size() >= capacity) {
            throw new CommandRejectedException(
                    Topics.ERR_BUSY,
                    "Command [" + command.verb() + "] rejected: busy," + " the job queue is full (" + waiting.size()
                            + " of " + capacity + " waiting). Retry later.");
        }
        String id = command.jobId() != null ? command.jobId() : newJobId();
        if (find(id) != null || usedIds.contains(id)) {
            throw CommandRejectedException.badRequest(
                    command.verb(),
                    "job_id [" + id + "] was already used on this"
                            + " agent (" + (find(id) != null ? "queued or running" : "its result was published")
                            + "); a job"
                            + " id is accepted once, so results stay unique per id. Pick a new job_id or leave it out",
                    "{\"model\":\"ssd.tflite\",\"job_id\":\"run-2\"}");
        }
        Job job = new Job(nextSeq++, id, command, clock.instant());
        usedIds.add(id);
        store.save(job, JobStage.QUEUED);
        int position = waiting.size() + (current == null ? 0 : 1);
        waiting.addLast(job);
        notifyAll();
        events.onQueueChanged();
        return new ReplyData.Accepted(id, position);
    }

    /** Cancels a queued or running job; returns which it was, or rejects with not_found. */
    public JobStage cancel(String jobId) throws CommandRejectedException, IOException {
        Job removed;
        synchronized (this) {
            if (current != null && current.jobId().equals(jobId)) {
                currentCancel.set(true);
                currentStopReason = null;
                return JobStage.RUNNING;
            }
            removed = waiting.stream()
                    .filter(j -> j.jobId().equals(jobId))
                    .findFirst()
                    .orElse(null);
            if (removed == null) {
                throw new CommandRejectedException(
                        Topics.ERR_NOT_FOUND,
                        "Command [cancel] rejected: job_id [" + jobId
                                + "] is neither queued nor running (finished jobs cannot be cancelled).");
            }
            waiting.remove(removed);
        }
        events.onQueueChanged();
        finish(removed, JobStatus.CANCELLED, "cancelled before it started", null, null);
        return JobStage.QUEUED;
    }

    /** The result of this job was acknowledged by the broker or stored after all: its job file can go. */
    public void settled(String jobId) {
        try {
            store.deleteById(jobId);
        } catch (IOException e) {
            log.accept("jobs event=delete_failed job_id=" + jobId + " reason=\"" + e.getMessage() + "\"");
        }
    }

    public synchronized int waitingCount() {
        return waiting.size();
    }

    public synchronized String currentJobId() {
        return current == null ? null : current.jobId();
    }

    /**
     * Why the queue is stuck, or null: the runner thread died while jobs are accepted, or the running job has
     * outlived its own time bound ({@link JobBounds}) by more than {@code slack}.
     */
    public synchronized String stuckReason(java.time.Duration slack) {
        if (accepting && !runner.isAlive()) {
            return "the job-runner thread is not running";
        }
        if (current != null) {
            java.time.Duration ran = java.time.Duration.ofNanos(System.nanoTime() - currentStartedNanos);
            java.time.Duration bound =
                    JobBounds.maxDuration(current.command(), executor.limits()).plus(slack);
            if (ran.compareTo(bound) > 0) {
                return "job [" + current.jobId() + "] has run " + ran.toSeconds() + " s, longer than its bound of "
                        + bound.toSeconds() + " s (max_seconds + load allowance + slack): the worker is wedged";
            }
        }
        return null;
    }

    private Job find(String id) {
        if (current != null && current.jobId().equals(id)) {
            return current;
        }
        return waiting.stream().filter(j -> j.jobId().equals(id)).findFirst().orElse(null);
    }

    private String newJobId() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(b);
    }

    private void runLoop() {
        while (true) {
            Job job;
            AtomicBoolean cancel = new AtomicBoolean();
            synchronized (this) {
                while (waiting.isEmpty() && accepting) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!accepting) {
                    return; // queued jobs stay on disk and run after the restart
                }
                job = waiting.removeFirst();
                current = job;
                currentStartedNanos = System.nanoTime();
                currentCancel = cancel;
            }
            runOne(job, cancel);
            synchronized (this) {
                current = null;
                currentCancel = null;
                notifyAll();
            }
            events.onQueueChanged();
        }
    }

    private void runOne(Job job, AtomicBoolean cancel) {
        Instant started = clock.instant();
        try {
            store.markRunning(job);
        } catch (IOException e) {
            // Running it unrecorded could run it twice after a restart: report it failed instead.
            log.accept("jobs event=persist_failed job_id=" + job.jobId() + " reason=\"" + e + "\"");
            finish(
                    job,
                    JobStatus.FAILED,
                    "the agent could not record that the job started (" + e.getMessage()
                            + "; disk full or read-only data_dir?); it did not run. Free space and send it again",
                    null,
                    started);
            return;
        }
        events.onStarted(job);
        BenchListener listener = new BenchListener() {
            private volatile long runsDone;
            private volatile long runsTarget;

            @Override
            public void onPhase(Phase phase) {
                if (phase == Phase.LOAD) {
                    runsDone = 0; // a compare job loads once per lane: the next lane's count starts afresh
                    runsTarget = 0;
                }
                events.onProgress(job, phase, runsDone, runsTarget, -1);
            }

            @Override
            public void onUnknownPhase(String id) {
                // progress is advisory: an unknown phase must not fail the job
                log.accept("jobs event=unknown_phase job_id=" + job.jobId() + " phase=" + id);
            }

            @Override
            public void onRuns(long done, long target, double etaSeconds) {
                runsDone = done;
                runsTarget = target;
                events.onProgress(job, Phase.RUN, done, target, etaSeconds);
            }
        };
        JobOutput output = null;
        JobStatus status;
        String error = null;
        try {
            output = executor.execute(job, listener, cancel::get);
            status = cancel.get()
                    ? JobStatus.CANCELLED
                    : output != null && output.failed() ? JobStatus.FAILED : JobStatus.OK;
        } catch (Exception | LinkageError e) {
            status = cancel.get() ? JobStatus.CANCELLED : JobStatus.FAILED;
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        String stopReason;
        synchronized (this) {
            stopReason = currentStopReason;
        }
        if (stopReason != null) {
            status = JobStatus.INTERRUPTED;
            error = stopReason;
        } else if (status == JobStatus.CANCELLED) {
            error = "cancelled while running";
        }
        finish(job, status, error, output, started);
    }

    private void finish(Job job, JobStatus status, String error, JobOutput output, Instant started) {
        JobResult r = new JobResult(
                JobResult.SCHEMA_VERSION,
                job.jobId(),
                deviceId,
                job.verb(),
                status,
                error,
                job.request(),
                job.acceptedAt().toString(),
                started == null ? null : started.toString(),
                clock.instant().toString(),
                output);
        try {
            if (events.onFinished(job, r)) {
                store.delete(job);
            }
        } catch (IOException | RuntimeException e) {
            // The job file stays: after a restart the job is reported interrupted rather than lost.
            log.accept("jobs event=result_not_stored job_id=" + job.jobId() + " reason=\"" + e.getMessage() + "\"");
        }
        log.accept("jobs event=finished job_id=" + job.jobId() + " status=" + status.id());
    }

    /**
     * Stops taking jobs; a running job is cancelled and reported interrupted with {@code reason}; queued jobs stay
     * persisted and run after the next start. Waits up to {@code waitMs} for the runner.
     */
    public void shutdown(String reason, long waitMs) {
        synchronized (this) {
            accepting = false;
            if (currentCancel != null) {
                currentStopReason = reason;
                currentCancel.set(true);
            }
            notifyAll();
        }
        try {
            runner.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown("the agent stopped", 5000);
    }
}

package io.edgebench.store;

import io.edgebench.link.BrokerLink;
import io.edgebench.link.LinkErrors;
import io.edgebench.link.PublishAck;
import io.edgebench.link.PublishRefusedException;
import io.edgebench.wire.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Durable results: each is written to {@code <dir>/<job_id>.json} before it is published (QoS 1) and deleted only
 * after the broker's PUBACK with a success reason code; a PUBACK >= 0x80 (not authorized, quota, too large) keeps it.
 * A PUBACK 0x10 (no matching subscribers: the broker dropped it) keeps it for {@link #KEEP_UNHEARD}: after a broker
 * restart the agents are often back before the collectors have resubscribed, and mosquitto 2.0 does not restore
 * shared subscriptions from its persistence file, so results published in that window reach nobody.
 * {@link #publishAll()} (on every connect, and periodically) sends every stored result again, with the same job_id,
 * so an outage, a refusal or a restart loses nothing; consumers de-duplicate by job_id.
 *
 * <p>When a result cannot be written (disk full, read-only data dir) it is kept in memory (at most
 * {@link #MAX_UNSTORED}), published anyway, and writing it is retried on every sweep; {@code settled} is told once a
 * result is durable or acknowledged, so the job's own file (its fallback "interrupted") is kept until then.
 */
public final class Outbox {
    /** Results held in memory only while the disk refuses them; beyond that the oldest wait on the job file. */
    public static final int MAX_UNSTORED = 64;

    /**
     * How long a result the broker took with no subscriber is published again: long enough for collectors to come
     * back after a broker restart (a 10,000-agent fleet took up to 3.4 min to reconnect here), short enough that an
     * agent nobody collects from does not resend every result forever.
     */
    public static final Duration KEEP_UNHEARD = Duration.ofMinutes(15);

    private static final String SUFFIX = ".json";
    private final Path dir;
    private final String deviceId;
    private final BrokerLink link;
    private final Consumer<String> log;
    private volatile Consumer<String> settled = id -> {};
    /** Results with a publish outstanding, so a sweep does not send the same file twice at once. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Results not on disk (the write failed), in arrival order. */
    private final Map<String, byte[]> unstored = new LinkedHashMap<>();
    /** When the broker first said no one subscribed to a result, by job id (only results still in the outbox). */
    private final Map<String, Long> unheardSinceMs = new ConcurrentHashMap<>();

    private final LongSupplier clockMs;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public Outbox(Path dir, String deviceId, BrokerLink link, Consumer<String> log) throws IOException {
        this(dir, deviceId, link, log, System::currentTimeMillis);
    }

    Outbox(Path dir, String deviceId, BrokerLink link, Consumer<String> log, LongSupplier clockMs) throws IOException {
        this.clockMs = clockMs;
        this.dir = dir;
        this.deviceId = deviceId;
        this.link = link;
        this.log = log;
        Files.createDirectories(dir);
        AtomicFiles.removeLeftovers(dir);
    }

    /** Called with a job id once its result is on disk after a failed write, or acknowledged from memory. */
    public void onSettled(Consumer<String> settled) {
        this.settled = settled;
    }

    /**
     * Stores a result durably, then tries to publish it. Returns true once the file is on disk; false when the
     * write failed and the result is published from memory (retried on every sweep).
     */
    public boolean store(String jobId, byte[] resultJson) {
        Topics.checkId("job_id", jobId);
        boolean durable = write(jobId, resultJson);
        if (!durable) {
            synchronized (unstored) {
                unstored.put(jobId, resultJson);
                while (unstored.size() > MAX_UNSTORED) {
                    String oldest = unstored.keySet().iterator().next();
                    unstored.remove(oldest);
                    log.accept("outbox event=unstored_dropped job_id=" + oldest + " (memory bound " + MAX_UNSTORED
                            + "; its job file reports it interrupted after a restart)");
                }
            }
        }
        publish(jobId);
        return durable;
    }

    private boolean write(String jobId, byte[] bytes) {
        try {
            AtomicFiles.write(file(jobId), bytes);
            return true;
        } catch (IOException | RuntimeException e) {
            log.accept("outbox event=store_failed job_id=" + jobId + " reason=\"" + e + "\" (publishing from memory;"
                    + " storing is retried; is data_dir full or read-only?)");
            return false;
        }
    }

    public boolean contains(String jobId) {
        return Files.exists(file(jobId));
    }

    /** Job ids of results not yet acknowledged, oldest first (stored ones, then those held in memory). */
    public List<String> pending() throws IOException {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).forEach(files::add);
        }
        files.sort((a, b) -> {
            try {
                return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
            } catch (IOException e) {
                return a.compareTo(b);
            }
        });
        List<String> ids = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            ids.add(name.substring(0, name.length() - SUFFIX.length()));
        }
        synchronized (unstored) {
            for (String id : unstored.keySet()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** Retries storing what is in memory, then publishes every result that is not already on its way. */
    public void publishAll() {
        retryStoring();
        try {
            for (String id : pending()) {
                publish(id);
            }
        } catch (IOException e) {
            log.accept("outbox event=list_failed reason=\"" + e.getMessage() + "\"");
        }
    }

    private void retryStoring() {
        List<Map.Entry<String, byte[]>> todo;
        synchronized (unstored) {
            todo = new ArrayList<>(unstored.entrySet());
        }
        for (Map.Entry<String, byte[]> e : todo) {
            if (write(e.getKey(), e.getValue())) {
                synchronized (unstored) {
                    unstored.remove(e.getKey());
                }
                log.accept("outbox event=stored_late job_id=" + e.getKey());
                settled.accept(e.getKey());
            }
        }
    }

    /** Results acknowledged by the broker since start. */
    public long publishedCount() {
        return published.get();
    }

    /** Publishes the broker refused (PUBACK reason >= 0x80) since start; each stays stored and is retried. */
    public long refusedCount() {
        return refused.get();
    }

    private void publish(String jobId) {
        if (!link.isConnected() || !inFlight.add(jobId)) {
            return;
        }
        byte[] bytes;
        synchronized (unstored) {
            bytes = unstored.get(jobId);
        }
        try {
            if (bytes == null) {
                bytes = Files.readAllBytes(file(jobId));
            }
        } catch (IOException e) {
            inFlight.remove(jobId); // deleted by a concurrent acknowledgement: nothing left to send
            return;
        }
        link.publish(BrokerLink.Outbound.of(Topics.result(deviceId, jobId), bytes, Topics.QOS_RESULT, false))
                .whenComplete((ack, err) -> {
                    if (err == null && ack == PublishAck.NO_MATCHING_SUBSCRIBERS) {
                        unheard(jobId);
                    } else if (err == null) {
                        acknowledged(jobId);
                    } else if (unwrap(err) instanceof PublishRefusedException r) {
                        refused.incrementAndGet();
                        log.accept("outbox event=publish_refused job_id=" + jobId + " reason_code=" + r.reasonCode()
                                + " reason=\"" + r.getMessage() + "\" (kept; retried every sweep and on reconnect)");
                    } else {
                        log.accept("outbox event=publish_failed job_id=" + jobId + " reason=\""
                                + LinkErrors.describe(err) + "\" (kept; retried on reconnect)");
                    }
                    inFlight.remove(jobId);
                });
    }

    private void acknowledged(String jobId) {
        published.incrementAndGet();
        log.accept("outbox event=acknowledged job_id=" + jobId);
        remove(jobId);
    }

    /** Taken by the broker with no subscriber: kept and sent again every sweep until {@link #KEEP_UNHEARD} passed. */
    private void unheard(String jobId) {
        long now = clockMs.getAsLong();
        Long since = unheardSinceMs.putIfAbsent(jobId, now);
        if (since == null) {
            log.accept("outbox event=no_subscriber job_id=" + jobId + " (the broker took it with nobody subscribed"
                    + " to its topic, e.g. a collector still resubscribing; kept and published again every sweep"
                    + " for up to " + KEEP_UNHEARD.toMinutes() + " min)");
        } else if (now - since >= KEEP_UNHEARD.toMillis()) {
            log.accept("outbox event=dropped_no_subscriber job_id=" + jobId + " (nobody subscribed to its topic for "
                    + KEEP_UNHEARD.toMinutes() + " min; run edgebench collect, or send, to receive every result)");
            remove(jobId);
        }
    }

    private void remove(String jobId) {
        unheardSinceMs.remove(jobId);
        boolean fromMemory;
        synchronized (unstored) {
            fromMemory = unstored.remove(jobId) != null;
        }
        delete(jobId);
        if (fromMemory) {
            settled.accept(jobId);
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void delete(String jobId) {
        try {
            Files.deleteIfExists(file(jobId));
            AtomicFiles.syncDir(dir);
        } catch (IOException e) {
            log.accept("outbox event=delete_failed job_id=" + jobId + " reason=\"" + e.getMessage() + "\"");
        }
    }

    private Path file(String jobId) {
        return dir.resolve(jobId + SUFFIX);
    }
}

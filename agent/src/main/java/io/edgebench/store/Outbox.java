package io.edgebench.store;

import io.edgebench.link.BrokerLink;
import io.edgebench.protocol.Topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Durable results: each is written to {@code <dir>/<job_id>.json} before it is published (QoS 1) and deleted only
 * after the broker's PUBACK. {@link #publishAll()} (on every connect, and periodically) sends every stored result
 * again, with the same job_id, so an outage or a restart loses nothing; consumers de-duplicate by job_id.
 */
public final class Outbox {
    private static final String SUFFIX = ".json";
    private final Path dir;
    private final String deviceId;
    private final BrokerLink link;
    private final Consumer<String> log;
    /** Results with a publish outstanding, so a sweep does not send the same file twice at once. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong published = new AtomicLong();

    public Outbox(Path dir, String deviceId, BrokerLink link, Consumer<String> log) throws IOException {
        this.dir = dir;
        this.deviceId = deviceId;
        this.link = link;
        this.log = log;
        Files.createDirectories(dir);
        AtomicFiles.removeLeftovers(dir);
    }

    /** Stores a result durably, then tries to publish it. Returns once the file is on disk. */
    public void store(String jobId, byte[] resultJson) throws IOException {
        Topics.checkId("job_id", jobId);
        AtomicFiles.write(file(jobId), resultJson);
        publish(jobId);
    }

    public boolean contains(String jobId) {
        return Files.exists(file(jobId));
    }

    /** Job ids of results not yet acknowledged, oldest first. */
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
        return ids;
    }

    /** Publishes every stored result that is not already on its way. */
    public void publishAll() {
        try {
            for (String id : pending()) {
                publish(id);
            }
        } catch (IOException e) {
            log.accept("outbox event=list_failed dir=" + dir + " reason=\"" + e.getMessage() + "\"");
        }
    }

    /** Results acknowledged by the broker since start. */
    public long publishedCount() {
        return published.get();
    }

    private void publish(String jobId) {
        if (!link.isConnected() || !inFlight.add(jobId)) {
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(jobId));
        } catch (IOException e) {
            inFlight.remove(jobId); // deleted by a concurrent acknowledgement: nothing left to send
            return;
        }
        link.publish(BrokerLink.Outbound.of(Topics.result(deviceId, jobId), bytes, Topics.QOS_RESULT, false))
                .whenComplete((ok, err) -> {
                    if (err == null) {
                        delete(jobId);
                        published.incrementAndGet();
                        log.accept("outbox event=acknowledged job_id=" + jobId);
                    } else {
                        log.accept("outbox event=publish_failed job_id=" + jobId + " reason=\"" + err.getMessage()
                                + "\" (kept; retried on reconnect)");
                    }
                    inFlight.remove(jobId);
                });
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

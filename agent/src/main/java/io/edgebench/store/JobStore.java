package io.edgebench.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.json.Json;
import io.edgebench.wire.Command;
import io.edgebench.wire.CommandParser;
import io.edgebench.wire.CommandRejectedException;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Accepted jobs on disk, {@code <data_dir>/jobs/<seq>-<job_id>.json}, so they survive an agent restart. A job's file
 * says {@code queued} until the runner starts it ({@code running}); it is deleted once its result is in the outbox.
 */
public final class JobStore {
    /**
     * A started job's file is renamed to this suffix (same length as ".json") instead of being rewritten: a rename
     * needs no free data blocks, so "running" is recorded even on a full disk and a job never runs twice.
     */
    private static final String RUNNING_SUFFIX = ".runs";

    /** A job read back at start: its state says whether it was interrupted. */
    public record Stored(Job job, JobStage state) {}

    /** The file's JSON: the job as accepted (its request echoed as received) and its state. */
    record JobFile(long seq, String jobId, String verb, ObjectNode request, String acceptedTs, JobStage state) {}

    private final Path dir;
    private final CommandParser parser;
    private final Consumer<String> log;

    public JobStore(Path dir, CommandParser parser, Consumer<String> log) throws IOException {
        this.dir = dir;
        this.parser = parser;
        this.log = log;
        Files.createDirectories(dir);
        AtomicFiles.removeLeftovers(dir);
    }

    public void save(Job job, JobStage state) throws IOException {
        JobFile f = new JobFile(
                job.seq(),
                job.jobId(),
                job.verb(),
                job.request(),
                job.acceptedAt().toString(),
                state);
        AtomicFiles.write(file(job), Json.mapper().writeValueAsBytes(f));
    }

    /** Records that a job started; throws when even that cannot be recorded (the job must not run then). */
    public void markRunning(Job job) throws IOException {
        Files.move(file(job), runningFile(job), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDir(dir);
    }

    public void delete(Job job) throws IOException {
        Files.deleteIfExists(file(job));
        Files.deleteIfExists(runningFile(job));
        AtomicFiles.syncDir(dir);
    }

    /** Deletes the file of the job with this id, whatever its sequence number or state. */
    public void deleteById(String jobId) throws IOException {
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith("-" + jobId + ".json") || n.endsWith("-" + jobId + RUNNING_SUFFIX)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        AtomicFiles.syncDir(dir);
    }

    /** Every stored job in acceptance order; unreadable files are logged and moved aside, never fatal. */
    public List<Stored> loadAll() throws IOException {
        List<Stored> jobs = new ArrayList<>();
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")
                            || p.getFileName().toString().endsWith(RUNNING_SUFFIX))
                    .sorted()
                    .toList();
        }
        for (Path p : files) {
            try {
                JobFile f = Json.mapper().readValue(Files.readAllBytes(p), JobFile.class);
                Command c = parser.parse(f.verb(), Json.mapper().writeValueAsBytes(f.request()));
                Job job = new Job(f.seq(), f.jobId(), (Command.JobCommand) c, Instant.parse(f.acceptedTs()));
                boolean renamed = p.getFileName().toString().endsWith(RUNNING_SUFFIX);
                jobs.add(new Stored(job, renamed ? JobStage.RUNNING : f.state()));
            } catch (IOException | CommandRejectedException | RuntimeException e) {
                Path aside = p.resolveSibling(p.getFileName() + ".corrupt");
                Files.move(p, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                log.accept("jobs event=unreadable_job file=" + aside + " reason=\"" + e.getMessage() + "\"");
            }
        }
        jobs.sort(Comparator.comparingLong(s -> s.job().seq()));
        return jobs;
    }

    private Path file(Job job) {
        return dir.resolve(String.format("%012d-%s.json", job.seq(), job.jobId()));
    }

    private Path runningFile(Job job) {
        return dir.resolve(String.format("%012d-%s%s", job.seq(), job.jobId(), RUNNING_SUFFIX));
    }

    public Path dir() {
        return dir;
    }
}

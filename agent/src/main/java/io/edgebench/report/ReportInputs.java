package io.edgebench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.resultstore.ResultQuery;
import io.edgebench.resultstore.ResultStore;
import io.edgebench.resultstore.StoredResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where a report's results come from: result files (messages, or bench/compare --json output) or the store. */
public final class ReportInputs {
    private ReportInputs() {}

    /**
     * Reads each file: one result message, a bench or compare result as the local commands write it, or an array
     * of those. A bare result names no device: the file name stands in for it.
     */
    public static List<ReportJob> files(List<Path> files) throws IOException {
        List<ReportJob> jobs = new ArrayList<>();
        for (Path f : files) {
            JsonNode n;
            try {
                n = Json.mapper().readTree(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new IOException(
                        "Result file [" + f + "] is not readable JSON: " + e.getMessage()
                                + " (expected a result message, or the output of bench/compare --json)",
                        e);
            }
            String stem = f.getFileName().toString().replaceFirst("\\.json$", "");
            if (n != null && n.isArray()) {
                int i = 0;
                for (JsonNode e : n) {
                    if (e.isObject()) {
                        jobs.add(ReportJob.of(e, stem, stem + "-" + i++));
                    }
                }
            } else if (n != null && n.isObject()) {
                jobs.add(ReportJob.of(n, stem, stem));
            } else {
                throw new IOException("Result file [" + f + "] holds no JSON object (expected a result message, or the"
                        + " output of bench/compare --json)");
            }
        }
        return jobs;
    }

    /**
     * Results from the store under the device and job of the topic they came on (what the broker's ACL checked);
     * a payload that named another device is shown under its topic's device and reported to {@code warn}.
     */
    public static List<ReportJob> store(ResultStore store, ResultQuery query, java.util.function.Consumer<String> warn)
            throws ResultStore.StoreException, IOException {
        List<ReportJob> jobs = new ArrayList<>();
        for (StoredResult r : store.query(query)) {
            ReportJob j = ReportJob.of(Json.mapper().readTree(r.json()), r.deviceId(), r.jobId());
            if (r.claimedDeviceId() != null) {
                warn.accept("result [" + r.deviceId() + "/" + r.jobId() + "] claims device_id [" + r.claimedDeviceId()
                        + "] in its payload; shown as [" + r.deviceId() + "], the device of its topic");
            }
            jobs.add(new ReportJob(
                    r.deviceId(),
                    r.jobId(),
                    j.verb(),
                    j.status(),
                    j.error(),
                    j.finishedTs(),
                    j.lanes(),
                    j.agreement(),
                    j.verdicts(),
                    j.notMeasured(),
                    j.accuracy()));
        }
        return jobs;
    }

    /** {@code --since}: an instant (2026-11-30T10:00:00Z), a date (2026-11-30, UTC) or an age (90m, 24h, 7d). */
    public static long sinceMs(String since, Instant now) {
        String s = since.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.matches("\\d+[smhd]")) {
                long n = Long.parseLong(s.substring(0, s.length() - 1));
                Duration d = switch (s.charAt(s.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(d).toEpochMilli();
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(s)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
            return Instant.parse(since.trim()).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--since [" + since + "] must be an instant (2026-11-30T10:00:00Z), a"
                            + " date (2026-11-30) or an age (90m, 24h, 7d)",
                    e);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            // 9999999999999d, +999999999-12-31T23:59:59Z: valid syntax, beyond what epoch milliseconds hold
            throw new IllegalArgumentException(
                    "--since [" + since + "] is out of range: beyond what epoch milliseconds hold (about"
                            + " 292 million years either side of 1970); e.g. 7d or 2026-11-30",
                    e);
        }
    }
}

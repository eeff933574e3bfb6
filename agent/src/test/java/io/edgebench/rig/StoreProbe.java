package io.edgebench.rig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * What the collectors wrote, read straight from PostgreSQL: rows of one job, their lanes, and the trigger-to-stored
 * delays ({@code received_at_ms} is stamped by the collector when it stores, on this machine's clock).
 */
final class StoreProbe {
    private final String jdbcUrl;

    StoreProbe(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** Rows stored for this job, or -1 while the database is down (a restart in progress). */
    long rows(String jobId) {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM results WHERE job_id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The figures of one job once it is complete. */
    JobFigures figures(String jobId, long triggerMs) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            long[] delays;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT received_at_ms FROM results WHERE job_id = ?" + " ORDER BY received_at_ms")) {
                s.setString(1, jobId);
                try (ResultSet rs = s.executeQuery()) {
                    long[] buf = new long[1024];
                    int n = 0;
                    while (rs.next()) {
                        if (n == buf.length) {
                            buf = Arrays.copyOf(buf, n * 2);
                        }
                        buf[n++] = rs.getLong(1) - triggerMs;
                    }
                    delays = Arrays.copyOf(buf, n);
                }
            }
            long distinct = single(c, "SELECT COUNT(DISTINCT device_id) FROM results WHERE job_id = ?", jobId);
            long lanes = single(c, "SELECT COUNT(*) FROM lanes WHERE job_id = ?", jobId);
            return new JobFigures(delays, distinct, lanes);
        }
    }

    private static long single(Connection c, String sql, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * @param delaysMs trigger-to-stored of every row, ascending
     * @param devices distinct devices among the rows (always the rows: results' primary key is (device_id, job_id),
     *     so a redelivery is dropped by the key, counted as redeliveries_dropped_by_key, never a second row)
     * @param lanes lane rows of the job (one per bench result: a partial transaction would show here)
     */
    record JobFigures(long[] delaysMs, long devices, long lanes) {
        long rows() {
            return delaysMs.length;
        }

        /** Nearest-rank percentile of the delays. */
        long percentileMs(double p) {
            if (delaysMs.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * delaysMs.length);
            return delaysMs[Math.max(0, Math.min(delaysMs.length - 1, rank - 1))];
        }

        /** Rows per second between the first and the last store. */
        double rowsPerS() {
            long spanMs = delaysMs.length < 2 ? 0 : delaysMs[delaysMs.length - 1] - delaysMs[0];
            return spanMs <= 0 ? Double.NaN : (delaysMs.length - 1) * 1000.0 / spanMs;
        }
    }
}

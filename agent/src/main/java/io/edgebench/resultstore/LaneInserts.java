package io.edgebench.resultstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** The lanes rows of one result; descriptive text is clipped to its column, enumerations were checked before. */
final class LaneInserts {
    private LaneInserts() {}

    static void insert(Connection connection, ResultMessage m) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO lanes (device_id, job_id, lane, label,"
                        + " model_name, model_sha256, runtime, delegate, threads, p50_us, p99_us, throughput_ips,"
                        + " energy_per_inference_mj, valid, finished_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LaneRow l : m.lanes()) {
                s.setString(1, m.deviceId());
                s.setString(2, m.jobId());
                s.setInt(3, l.lane());
                s.setString(4, clip(l.label(), 512));
                s.setString(5, clip(l.modelName(), 255));
                s.setString(6, l.modelSha256());
                s.setString(7, clip(l.runtime(), 32));
                s.setString(8, clip(l.delegate(), 32));
                setInt(s, 9, l.threads());
                setDouble(s, 10, l.p50Us());
                setDouble(s, 11, l.p99Us());
                setDouble(s, 12, l.throughputIps());
                setDouble(s, 13, l.energyPerInferenceMj());
                if (l.valid() == null) {
                    s.setNull(14, Types.BOOLEAN);
                } else {
                    s.setBoolean(14, l.valid());
                }
                s.setLong(15, m.finishedAtMs());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement s, int i, Double v) throws SQLException {
        if (v == null || v.isNaN() || v.isInfinite()) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, v);
        }
    }
}

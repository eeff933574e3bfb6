package io.edgebench.resultstore;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The newest figures of every device in the store, for exporters ({@code collect --metrics-port}): its agent state,
 * and from its newest result the lanes' latency, throughput and energy per inference, the temperature of each
 * sensor at the end of the run and the mean power during it with the source that measured it. Read on a connection of its own, so a
 * scrape never waits for the collector's inserts; bounded by {@link #MAX_DEVICES}.
 */
public final class LatestFigures {
    /** Devices per read: a scrape larger than this is refused rather than allowed to exhaust the heap. */
    public static final int MAX_DEVICES = 200_000;

    private LatestFigures() {}

    /**
     * One device: state null without a status, {@code finishedAtMs} null without a result.
     *
     * @param tempEndC each temperature sensor's reading at the end of the newest run, by channel id
     * @param runPower mean power during the newest run and its source; null without a power source
     */
    public record Device(
            String deviceId,
            String state,
            Long finishedAtMs,
            List<LaneRow> lanes,
            Map<String, Double> tempEndC,
            RunPower runPower) {
        public Device {
            lanes = List.copyOf(lanes);
            tempEndC = Map.copyOf(tempEndC);
        }
    }

    /**
     * Mean power during a run as one source measured it.
     *
     * @param source ina2xx, mqtt_power, hwmon, rpi_pmic or rapl (they measure different things: rapl the CPU
     *     package only, rpi_pmic the SoC's rails); empty when the result does not say
     */
    public record RunPower(double meanW, String source) {
        public RunPower {
            source = source == null ? "" : source;
        }
    }

    /** Every device, sorted by id. */
    public static List<Device> read(DatabaseUrl url) throws ResultStore.StoreException {
        Map<String, Device> byDevice = new TreeMap<>();
        try (Connection c = ResultStore.connect(url);
                Statement s = c.createStatement()) {
            // The newest result of each device (ties on finished_at_ms: the first by job id wins below).
            try (ResultSet rs = s.executeQuery("SELECT r.device_id, r.job_id, r.finished_at_ms, r.received_at_ms,"
                    + " r.message_json FROM results r WHERE r.finished_at_ms = (SELECT MAX(r2.finished_at_ms) FROM"
                    + " results r2 WHERE r2.device_id = r.device_id) ORDER BY r.device_id, r.job_id")) {
                while (rs.next()) {
                    String device = rs.getString(1);
                    if (!byDevice.containsKey(device)) {
                        checkBound(byDevice.size(), url);
                        byDevice.put(device, fromResult(device, rs.getString(2), rs.getLong(4), rs.getString(5)));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT device_id, state FROM agents ORDER BY device_id")) {
                while (rs.next()) {
                    String device = rs.getString(1);
                    Device d = byDevice.get(device);
                    if (d == null) {
                        checkBound(byDevice.size(), url);
                    }
                    byDevice.put(
                            device,
                            d == null
                                    ? new Device(device, rs.getString(2), null, List.of(), Map.of(), null)
                                    : new Device(
                                            device,
                                            rs.getString(2),
                                            d.finishedAtMs(),
                                            d.lanes(),
                                            d.tempEndC(),
                                            d.runPower()));
                }
            }
        } catch (SQLException e) {
            throw new ResultStore.StoreException(
                    "Reading the newest figures from [" + url + "] failed: " + url.redact(e.getMessage())
                            + ". Is the database reachable?",
                    e);
        }
        return new ArrayList<>(byDevice.values());
    }

    private static void checkBound(int devices, DatabaseUrl url) throws SQLException {
        if (devices >= MAX_DEVICES) {
            throw new SQLException("the store [" + url + "] holds more than " + MAX_DEVICES + " devices, the most"
                    + " one scrape serves; split the fleet over several stores");
        }
    }

    private static Device fromResult(String device, String jobId, long receivedAtMs, String json) {
        JsonNode m;
        try {
            m = Json.lenient().readTree(json);
        } catch (IOException e) {
            return new Device(device, null, receivedAtMs, List.of(), Map.of(), null);
        }
        ResultMessage r = ResultMessage.of(device, jobId, m, receivedAtMs);
        Map<String, Double> temps = new LinkedHashMap<>();
        RunPower power = null;
        for (JsonNode lane : ResultFields.lanes(m.get("result"))) {
            JsonNode zones = ResultFields.at(lane, "telemetry", "temp_c");
            if (temps.isEmpty() && zones != null && zones.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = zones.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> z = it.next();
                    Double end = ResultFields.number(z.getValue(), "end");
                    if (end != null) {
                        temps.put(z.getKey(), end);
                    }
                }
            }
            if (power == null) {
                Double meanW = ResultFields.number(lane, "telemetry", "power_w", "mean");
                if (meanW != null) {
                    power = new RunPower(meanW, ResultFields.text(lane, "telemetry", "energy", "power_source"));
                }
            }
        }
        return new Device(device, null, r.finishedAtMs(), r.lanes(), temps, power);
    }
}

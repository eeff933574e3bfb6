package io.edgebench.wire;

/**
 * edgebench/&lt;device_id&gt;/telemetry, every telemetry_period_s seconds.
 *
 * @param readings as `edgebench sensors --json` prints them
 */
public record TelemetryMessage(int schemaVersion, String deviceId, String ts, Object readings) {
    public static final int SCHEMA_VERSION = 1;

    public static TelemetryMessage of(String deviceId, String ts, Object readings) {
        return new TelemetryMessage(SCHEMA_VERSION, deviceId, ts, readings);
    }
}

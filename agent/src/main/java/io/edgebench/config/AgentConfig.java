package io.edgebench.config;

import io.edgebench.wire.Topics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective configuration of {@code edgebench agent} (see {@link AgentConfigLoader} for where each value comes
 * from). The password itself is never held here, only where to read it; {@link #describe()} is what gets logged.
 *
 * @param passwordFile file holding the MQTT password (first line), or null
 * @param passwordEnv true when the password comes from EDGEBENCH_MQTT_PASSWORD
 * @param telemetryPeriodS 0 = no periodic telemetry
 * @param maxModelBytes largest model models/put accepts
 * @param powerPlug a smart plug read over MQTT for energy, PRESET:DEVICE[@BROKER_URL] (default broker: this agent's),
 *     e.g. tasmota:plug1; null: none (a profile's mqtt_power still applies)
 * @param homeassistantDiscovery announce the agent to Home Assistant (MQTT discovery, docs/homeassistant.md)
 * @param responseTopicPrefixes topic prefixes besides edgebench/ whose response topics the agent answers on
 *     (docs/mqtt.md); empty: only edgebench/
 */
public record AgentConfig(
        String brokerUrl,
        String deviceId,
        String profile,
        String username,
        Path passwordFile,
        boolean passwordEnv,
        Path caFile,
        Path certFile,
        Path keyFile,
        Path dataDir,
        Path modelsDir,
        int queueCapacity,
        double telemetryPeriodS,
        boolean telemetryDuringJobs,
        long maxModelBytes,
        int keepAliveS,
        String powerPlug,
        boolean homeassistantDiscovery,
        String clientId,
        List<String> responseTopicPrefixes) {

    public static final long MAX_MODEL_BYTES_LIMIT = 1L << 30;
    public static final int MAX_RESPONSE_TOPIC_PREFIXES = 16;

    /** The plug as a spec, validated (power_plug must look like PRESET:DEVICE[@BROKER_URL]); null without one. */
    public MqttPowerSpec powerPlugSpec() {
        return powerPlug == null || powerPlug.isBlank() ? null : MqttPowerSpec.parseShort(powerPlug, "power_plug");
    }

    public AgentConfig {
        Objects.requireNonNull(brokerUrl, "broker_url");
        Objects.requireNonNull(dataDir, "data_dir");
        Topics.checkDeviceId(deviceId);
        modelsDir = modelsDir == null ? dataDir.resolve("models") : modelsDir;
        clientId = clientId == null || clientId.isBlank() ? "edgebench-" + deviceId : clientId;
        BrokerUrls.check(brokerUrl, caFile, certFile, keyFile);
        if (queueCapacity < 1 || queueCapacity > 10_000) {
            throw new IllegalArgumentException("queue_capacity [" + queueCapacity + "] must be 1..10000");
        }
        if (!(telemetryPeriodS == 0 || telemetryPeriodS >= 0.1 && telemetryPeriodS <= 86_400)) {
            throw new IllegalArgumentException(
                    "telemetry_period_s [" + telemetryPeriodS + "] must be 0 (off) or" + " 0.1..86400");
        }
        if (maxModelBytes < 1 || maxModelBytes > MAX_MODEL_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "max_model_bytes [" + maxModelBytes + "] must be 1.." + MAX_MODEL_BYTES_LIMIT);
        }
        if (keepAliveS < 5 || keepAliveS > 3600) {
            throw new IllegalArgumentException("keep_alive_s [" + keepAliveS + "] must be 5..3600");
        }
        if (powerPlug != null && !powerPlug.isBlank()) {
            MqttPowerSpec.parseShort(powerPlug, "power_plug"); // fail at start, not at the first bench
        }
        responseTopicPrefixes = checkPrefixes(responseTopicPrefixes);
    }

    /** A config for this broker, device and data directory, the rest at the loader's defaults. */
    public static Builder builder(String brokerUrl, String deviceId, Path dataDir) {
        return new Builder(brokerUrl, deviceId, dataDir);
    }

    public Builder toBuilder() {
        return new Builder(brokerUrl, deviceId, dataDir)
                .profile(profile)
                .credentials(username, passwordFile, passwordEnv)
                .tls(caFile, certFile, keyFile)
                .modelsDir(modelsDir)
                .queueCapacity(queueCapacity)
                .telemetry(telemetryPeriodS, telemetryDuringJobs)
                .maxModelBytes(maxModelBytes)
                .keepAliveS(keepAliveS)
                .powerPlug(powerPlug)
                .homeassistantDiscovery(homeassistantDiscovery)
                .clientId(clientId)
                .responseTopicPrefixes(responseTopicPrefixes);
    }

    /** Builds an {@link AgentConfig}; {@link #build()} validates it. Defaults as docs/mqtt.md's config table. */
    public static final class Builder {
        private final String brokerUrl;
        private final String deviceId;
        private final Path dataDir;
        private String profile;
        private String username;
        private Path passwordFile;
        private boolean passwordEnv;
        private Path caFile;
        private Path certFile;
        private Path keyFile;
        private Path modelsDir;
        private int queueCapacity = 16;
        private double telemetryPeriodS;
        private boolean telemetryDuringJobs;
        private long maxModelBytes = 64L << 20;
        private int keepAliveS = 30;
        private String powerPlug;
        private boolean homeassistantDiscovery;
        private String clientId;
        private List<String> responseTopicPrefixes = List.of();

        private Builder(String brokerUrl, String deviceId, Path dataDir) {
            this.brokerUrl = brokerUrl;
            this.deviceId = deviceId;
            this.dataDir = dataDir;
        }

        public Builder profile(String v) {
            profile = v;
            return this;
        }

        public Builder credentials(String user, Path passwordFileOrNull, boolean fromEnv) {
            username = user;
            passwordFile = passwordFileOrNull;
            passwordEnv = fromEnv;
            return this;
        }

        public Builder tls(Path ca, Path cert, Path key) {
            caFile = ca;
            certFile = cert;
            keyFile = key;
            return this;
        }

        public Builder modelsDir(Path v) {
            modelsDir = v;
            return this;
        }

        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        public Builder telemetry(double periodS, boolean duringJobs) {
            return telemetryPeriodS(periodS).telemetryDuringJobs(duringJobs);
        }

        public Builder telemetryPeriodS(double v) {
            telemetryPeriodS = v;
            return this;
        }

        public Builder telemetryDuringJobs(boolean v) {
            telemetryDuringJobs = v;
            return this;
        }

        public Builder maxModelBytes(long v) {
            maxModelBytes = v;
            return this;
        }

        public Builder keepAliveS(int v) {
            keepAliveS = v;
            return this;
        }

        public Builder powerPlug(String v) {
            powerPlug = v;
            return this;
        }

        public Builder homeassistantDiscovery(boolean v) {
            homeassistantDiscovery = v;
            return this;
        }

        public Builder clientId(String v) {
            clientId = v;
            return this;
        }

        public Builder responseTopicPrefixes(List<String> v) {
            responseTopicPrefixes = v;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(
                    brokerUrl,
                    deviceId,
                    profile,
                    username,
                    passwordFile,
                    passwordEnv,
                    caFile,
                    certFile,
                    keyFile,
                    dataDir,
                    modelsDir,
                    queueCapacity,
                    telemetryPeriodS,
                    telemetryDuringJobs,
                    maxModelBytes,
                    keepAliveS,
                    powerPlug,
                    homeassistantDiscovery,
                    clientId,
                    responseTopicPrefixes);
        }
    }

    private static List<String> checkPrefixes(List<String> prefixes) {
        if (prefixes == null) {
            return List.of();
        }
        if (prefixes.size() > MAX_RESPONSE_TOPIC_PREFIXES) {
            throw new IllegalArgumentException("response_topic_prefixes has " + prefixes.size() + " entries; at most "
                    + MAX_RESPONSE_TOPIC_PREFIXES + " are allowed");
        }
        for (String p : prefixes) {
            String problem = Topics.responseTopicPrefixProblem(p);
            if (problem != null) {
                throw new IllegalArgumentException(
                        "response_topic_prefixes entry [" + p + "] is not allowed: " + problem);
            }
        }
        return List.copyOf(prefixes);
    }

    /** One entry per key, secrets masked: what the agent logs once at start. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("broker_url", brokerUrl);
        m.put("device_id", deviceId);
        m.put("profile", String.valueOf(profile));
        m.put("client_id", clientId);
        m.put("username", String.valueOf(username));
        m.put(
                "password",
                passwordFile != null
                        ? "**** (from file " + passwordFile + ")"
                        : passwordEnv ? "**** (from EDGEBENCH_MQTT_PASSWORD)" : "none");
        m.put("tls.ca_file", String.valueOf(caFile));
        m.put("tls.cert_file", String.valueOf(certFile));
        m.put("tls.key_file", String.valueOf(keyFile));
        m.put("data_dir", dataDir.toString());
        m.put("models_dir", modelsDir.toString());
        m.put("queue_capacity", Integer.toString(queueCapacity));
        m.put("telemetry_period_s", Double.toString(telemetryPeriodS));
        m.put("telemetry_during_jobs", Boolean.toString(telemetryDuringJobs));
        m.put("max_model_bytes", Long.toString(maxModelBytes));
        m.put("keep_alive_s", Integer.toString(keepAliveS));
        m.put("power_plug", String.valueOf(powerPlug));
        m.put("homeassistant_discovery", Boolean.toString(homeassistantDiscovery));
        m.put("response_topic_prefixes", String.join(",", responseTopicPrefixes));
        return m;
    }
}

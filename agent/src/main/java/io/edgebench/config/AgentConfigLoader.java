package io.edgebench.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link AgentConfig} from, in rising precedence: defaults, the config file (agent.yaml), the environment
 * (EDGEBENCH_BROKER, EDGEBENCH_DEVICE_ID, EDGEBENCH_&lt;KEY&gt;), and command-line flags. Keys are flat snake_case;
 * the file may nest TLS settings under {@code tls:}. Unknown keys in the file are errors (a typo must not silently
 * fall back to a default).
 */
public final class AgentConfigLoader {
    public static final Path DEFAULT_FILE = Path.of("/etc/edgebench/agent.yaml");
    static final Set<String> KEYS = Set.of(
            "broker_url",
            "device_id",
            "profile",
            "username",
            "password_file",
            "tls.ca_file",
            "tls.cert_file",
            "tls.key_file",
            "data_dir",
            "models_dir",
            "queue_capacity",
            "telemetry_period_s",
            "telemetry_during_jobs",
            "max_model_bytes",
            "keep_alive_s",
            "power_plug",
            "homeassistant_discovery",
            "client_id",
            "response_topic_prefixes");
    private static final Map<String, String> ENV_ALIASES = Map.of("EDGEBENCH_BROKER", "broker_url");

    private AgentConfigLoader() {}

    /**
     * @param file the config file; a missing file is fine only when it is the default one
     * @param env the process environment (injectable for tests)
     * @param flags values from command-line flags (already snake_case keys), null values ignored
     */
    public static AgentConfig load(Path file, boolean fileExplicit, Map<String, String> env, Map<String, String> flags)
            throws IOException {
        Map<String, String> v = new HashMap<>();
        if (Files.exists(file)) {
            readYaml(file, v);
        } else if (fileExplicit) {
            throw new IllegalArgumentException("config file [" + file + "] does not exist");
        }
        for (String key : KEYS) {
            String envName = "EDGEBENCH_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
            if (env.get(envName) != null) {
                v.put(key, env.get(envName));
            }
        }
        ENV_ALIASES.forEach((name, key) -> {
            if (env.get(name) != null) {
                v.put(key, env.get(name));
            }
        });
        flags.forEach((k, val) -> {
            if (val != null) {
                v.put(k, val);
            }
        });
        return build(v, env.get("EDGEBENCH_MQTT_PASSWORD") != null);
    }

    /** Only the keys given are set: every other default lives in {@link AgentConfig.Builder}. */
    private static AgentConfig build(Map<String, String> v, boolean passwordEnv) {
        AgentConfig.Builder b = AgentConfig.builder(
                        v.getOrDefault("broker_url", "tcp://localhost:1883"),
                        v.containsKey("device_id") ? v.get("device_id") : defaultDeviceId(),
                        Path.of(v.getOrDefault("data_dir", "/var/lib/edgebench")))
                .profile(v.get("profile"))
                .credentials(v.get("username"), path(v, "password_file"), passwordEnv)
                .tls(path(v, "tls.ca_file"), path(v, "tls.cert_file"), path(v, "tls.key_file"))
                .modelsDir(path(v, "models_dir"))
                .powerPlug(v.get("power_plug"))
                .clientId(v.get("client_id"))
                .responseTopicPrefixes(list(v, "response_topic_prefixes"));
        if (v.containsKey("queue_capacity")) {
            b.queueCapacity(integer(v, "queue_capacity"));
        }
        if (v.containsKey("telemetry_period_s")) {
            b.telemetryPeriodS(number(v, "telemetry_period_s"));
        }
        if (v.containsKey("telemetry_during_jobs")) {
            b.telemetryDuringJobs(strictBoolean(v, "telemetry_during_jobs"));
        }
        if (v.containsKey("max_model_bytes")) {
            b.maxModelBytes(longInteger(v, "max_model_bytes", "67108864 (64 MiB)"));
        }
        if (v.containsKey("keep_alive_s")) {
            b.keepAliveS(integer(v, "keep_alive_s"));
        }
        if (v.containsKey("homeassistant_discovery")) {
            b.homeassistantDiscovery(strictBoolean(v, "homeassistant_discovery"));
        }
        return b.build();
    }

    /** A comma-separated value (a YAML list arrives joined the same way); blank entries are dropped. */
    private static List<String> list(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(","))
                .map(String::trim)
                .filter(e -> !e.isEmpty())
                .toList();
    }

    private static boolean strictBoolean(Map<String, String> v, String key) {
        String s = v.get(key).trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException(key + " [" + v.get(key) + "] must be true or false");
        }
        return Boolean.parseBoolean(s);
    }

    private static void readYaml(Path file, Map<String, String> v) throws IOException {
        JsonNode root = new YAMLMapper().readTree(file.toFile());
        if (root == null || root.isNull() || root.isMissingNode()) {
            return;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file [" + file + "] must be a YAML mapping of keys");
        }
        flatten("", root, v, file);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> v, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && "tls".equals(key)) {
                flatten("tls.", e.getValue(), v, file);
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("config file [" + file + "] has unknown key [" + key
                        + "]; known keys: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
            } else if (e.getValue().isArray()) {
                List<String> items = new java.util.ArrayList<>();
                e.getValue().forEach(item -> items.add(item.asText()));
                v.put(key, String.join(",", items));
            } else if (!e.getValue().isNull()) {
                v.put(key, e.getValue().asText());
            }
        }
    }

    /** The host name made into a valid topic level (dots and odd characters become '-'). */
    static String defaultDeviceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "edgebench");
        }
        String id = host.split("\\.")[0].replaceAll("[^A-Za-z0-9._-]", "-");
        return id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0)) ? "edgebench-" + id : id;
    }

    private static Path path(Map<String, String> v, String key) {
        String s = v.get(key);
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " [" + v.get(key) + "] must be an integer");
        }
    }

    private static long longInteger(Map<String, String> v, String key, String example) {
        try {
            return Long.parseLong(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " [" + v.get(key) + "] must be a whole number of bytes, e.g. "
                    + example + "; suffixes such as 64M are not read");
        }
    }

    private static double number(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " [" + v.get(key) + "] must be a number");
        }
    }
}

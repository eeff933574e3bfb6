package io.edgebench.wire;

import io.edgebench.results.ReplyCode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT protocol of edgebench: every topic string, verb and reply code used by the agent and the controller.
 * Layout (docs/mqtt.md has the payloads):
 * <pre>
 * edgebench/&lt;device_id&gt;/status                  retained: online | busy | offline (the will)
 * edgebench/&lt;device_id&gt;/cmd/&lt;verb&gt;              requests to one agent
 * edgebench/fleet/cmd/&lt;verb&gt;                    requests to every agent
 * edgebench/&lt;device_id&gt;/reply                   replies when a request has no MQTT 5 response topic
 * edgebench/&lt;device_id&gt;/job/&lt;job_id&gt;/progress   phase, runs done, eta
 * edgebench/&lt;device_id&gt;/result/&lt;job_id&gt;         the full result, QoS 1, republished until acknowledged
 * edgebench/&lt;device_id&gt;/telemetry               periodic sensor readings
 * </pre>
 */
public final class Topics {
    public static final String ROOT = "edgebench";
    /** The pseudo device id of fleet-wide commands; no agent may use it as its own id. */
    public static final String FLEET = "fleet";

    public static final String PING = "ping";
    public static final String INSPECT = "inspect";
    public static final String SENSORS = "sensors";
    public static final String BENCH = "bench";
    public static final String COMPARE = "compare";
    public static final String CANCEL = "cancel";
    public static final String MODELS_LIST = "models/list";
    public static final String MODELS_PUT = "models/put";
    public static final String MODELS_DELETE = "models/delete";
    /** Uploads an input file (.npy, .bin, image) into the agent's inputs dir, as models/put does for models. */
    public static final String INPUTS_PUT = "inputs/put";
    /** Uploads one file of a set (a labelled set, a reference set) that compare requests name by the set's name. */
    public static final String SETS_PUT = "sets/put";

    public static final String SETS_DELETE = "sets/delete";
    /** Every verb, in the order the docs list them. */
    public static final List<String> VERBS = List.of(
            PING,
            INSPECT,
            SENSORS,
            BENCH,
            COMPARE,
            CANCEL,
            MODELS_LIST,
            MODELS_PUT,
            MODELS_DELETE,
            INPUTS_PUT,
            SETS_PUT,
            SETS_DELETE);

    /** The verbs that carry a file in parts: their payload bound is a part's, and they queue behind one another. */
    public static boolean isUpload(String verb) {
        return MODELS_PUT.equals(verb) || INPUTS_PUT.equals(verb) || SETS_PUT.equals(verb);
    }

    /** Rejection codes (the "code" field of a reply with "ok": false), the ids of {@link ReplyCode}. */
    public static final String ERR_BAD_REQUEST = ReplyCode.BAD_REQUEST.id();

    public static final String ERR_UNKNOWN_VERB = ReplyCode.UNKNOWN_VERB.id();
    public static final String ERR_TOO_LARGE = ReplyCode.TOO_LARGE.id();
    public static final String ERR_BUSY = ReplyCode.BUSY.id();
    public static final String ERR_NOT_FOUND = ReplyCode.NOT_FOUND.id();
    public static final String ERR_NOT_AVAILABLE = ReplyCode.NOT_AVAILABLE.id();
    public static final String ERR_INTERNAL = ReplyCode.INTERNAL.id();

    /** QoS of commands, replies, progress and telemetry (at most once is enough: they are re-askable). */
    public static final int QOS_COMMAND = 1;
    /** QoS of results and status: at least once; results carry job_id for de-duplication. */
    public static final int QOS_RESULT = 1;

    /** Device ids and job ids: one topic level, no wildcards, no separators. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Topics() {}

    public static String status(String deviceId) {
        return device(deviceId) + "/status";
    }

    public static String cmd(String deviceId, String verb) {
        return device(deviceId) + "/cmd/" + verb;
    }

    /** Subscription filter for all of one agent's commands. */
    public static String cmdFilter(String deviceId) {
        return device(deviceId) + "/cmd/#";
    }

    public static String fleetCmd(String verb) {
        return ROOT + "/" + FLEET + "/cmd/" + verb;
    }

    /** Subscription filter for fleet-wide commands. */
    public static String fleetCmdFilter() {
        return ROOT + "/" + FLEET + "/cmd/#";
    }

    /** Where replies go when a request carries no MQTT 5 response topic. */
    public static String reply(String deviceId) {
        return device(deviceId) + "/reply";
    }

    public static String progress(String deviceId, String jobId) {
        return device(deviceId) + "/job/" + checkId("job_id", jobId) + "/progress";
    }

    public static String result(String deviceId, String jobId) {
        return device(deviceId) + "/result/" + checkId("job_id", jobId);
    }

    /** Subscription filter for every result of one agent ("+" for every agent). */
    public static String resultFilter(String deviceIdOrPlus) {
        return ROOT + "/" + deviceIdOrPlus + "/result/+";
    }

    public static String telemetry(String deviceId) {
        return device(deviceId) + "/telemetry";
    }

    /**
     * The verb of a command topic ({@code edgebench/<id>/cmd/<verb>} or {@code edgebench/fleet/cmd/<verb>}), or
     * empty when the topic is not a command topic. The verb is returned even when unknown, so the reply can name it.
     */
    public static Optional<String> verbOf(String topic) {
        String[] levels = topic.split("/", 4);
        if (levels.length < 4 || !ROOT.equals(levels[0]) || !"cmd".equals(levels[2]) || levels[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(levels[3]);
    }

    /** The levels under edgebench/&lt;device_id&gt;/ that agents publish on or listen to. */
    private static final java.util.Set<String> DEVICE_LEVELS =
            java.util.Set.of("status", "cmd", "reply", "job", "result", "telemetry");

    /**
     * Why an MQTT 5 response topic must not be used by the agent {@code deviceId}, or null when it may be. Only the
     * documented namespace is answered: {@code edgebench/} (the controller's edgebench/ctl/&lt;id&gt;/reply) plus the
     * configured {@code extraPrefixes}; a request could otherwise make the agent publish retained-looking data into
     * another application's tree (homeassistant/..., $SYS) or on its own cmd/ (running the copy as a command), status
     * or result/ topics, or on another device's.
     */
    public static String responseTopicProblem(String deviceId, String topic, List<String> extraPrefixes) {
        if (topic.isEmpty()
                || topic.length() > 1024
                || topic.contains("+")
                || topic.contains("#")
                || topic.indexOf('\0') >= 0) {
            return "it must be 1..1024 characters without wildcards";
        }
        if (topic.startsWith("$")) {
            return "topics starting with $ belong to the broker";
        }
        if (topic.equals(reply(deviceId))) {
            return null;
        }
        String[] levels = topic.split("/", -1);
        if (levels.length >= 3
                && ROOT.equals(levels[0])
                && (FLEET.equals(levels[1]) || DEVICE_LEVELS.contains(levels[2]))) {
            return "it is an agent's own topic (status, cmd/, reply, job/, result/, telemetry of a device, or fleet/)";
        }
        if (topic.startsWith(ROOT + "/") || extraPrefixes.stream().anyMatch(topic::startsWith)) {
            return null;
        }
        return "it is outside the allowed namespace " + ROOT + "/"
                + (extraPrefixes.isEmpty() ? "" : " and " + extraPrefixes)
                + " (more prefixes can be allowed with response_topic_prefixes in the agent config)";
    }

    /** {@link #responseTopicProblem(String, String, List)} with only the edgebench/ namespace allowed. */
    public static String responseTopicProblem(String deviceId, String topic) {
        return responseTopicProblem(deviceId, topic, List.of());
    }

    /**
     * Why {@code prefix} cannot be an allowed response topic prefix, or null: it must name a whole topic level
     * (end with /), carry no wildcard, and not open the broker's $ topics or Home Assistant's tree.
     */
    public static String responseTopicPrefixProblem(String prefix) {
        if (prefix.length() < 2 || prefix.length() > 256 || !prefix.endsWith("/") || prefix.startsWith("/")) {
            return "it must be 2..256 characters ending with / (a whole topic level, e.g. replies/)";
        }
        if (prefix.contains("+") || prefix.contains("#") || prefix.indexOf('\0') >= 0) {
            return "it must not contain wildcards (+ #) or NUL";
        }
        if (prefix.startsWith("$") || prefix.startsWith("homeassistant/")) {
            return "$ topics belong to the broker and homeassistant/ to Home Assistant's discovery";
        }
        return null;
    }

    /** Validates a device id: what, [value], what is expected. */
    public static String checkDeviceId(String deviceId) {
        checkId("device_id", deviceId);
        if (FLEET.equals(deviceId)) {
            throw new IllegalArgumentException("device_id [fleet] is reserved for fleet-wide commands; pick another");
        }
        return deviceId;
    }

    /** Validates an id used as one topic level (device_id, job_id). */
    public static String checkId(String name, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(name + " [" + id + "] must be 1-64 characters of A-Z a-z 0-9 . _ -"
                    + " starting with a letter or digit");
        }
        return id;
    }

    /** Subscription filter for one job id's result from every device (a fleet job runs under one id). */
    public static String resultOfEveryDevice(String jobId) {
        return ROOT + "/+/result/" + checkId("job_id", jobId);
    }

    /** Subscription filter for the retained status of one agent ("+" for every agent). */
    public static String statusFilter(String deviceIdOrPlus) {
        return ROOT + "/" + deviceIdOrPlus + "/status";
    }

    /**
     * An MQTT 5 shared subscription: the broker hands each matching message to one member of {@code group}, which is
     * how several collectors split one stream.
     */
    public static String shared(String group, String filter) {
        checkId("group", group);
        return "$share/" + group + "/" + filter;
    }

    /** The device id of {@code edgebench/<device_id>/<kind>...} when its second level is {@code kind}, else empty. */
    public static Optional<String> deviceOf(String topic, String kind) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 3
                || !ROOT.equals(levels[0])
                || !kind.equals(levels[2])
                || !ID.matcher(levels[1]).matches()
                || FLEET.equals(levels[1])) {
            return Optional.empty();
        }
        return Optional.of(levels[1]);
    }

    /** The job id of a result topic {@code edgebench/<device_id>/result/<job_id>}, else empty. */
    public static Optional<String> resultJobOf(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length != 4
                || deviceOf(topic, "result").isEmpty()
                || !ID.matcher(levels[3]).matches()) {
            return Optional.empty();
        }
        return Optional.of(levels[3]);
    }

    private static String device(String deviceId) {
        return ROOT + "/" + checkDeviceId(deviceId);
    }
}

package io.edgebench.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgebench.results.CliForm;
import io.edgebench.results.RequestSchema;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CLI flags' text as request JSON, by each field's {@link CliForm}, so that the CLI's request is bound and
 * checked by {@link RequestSchema#bind} exactly as an MQTT request is.
 */
public final class CliText {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CliText() {}

    /**
     * @param given the text given per flag (or positional label), in order
     * @param cpuList parses a Linux CPU list ("0-1,3"; cpu.CpuList, above this package)
     */
    public static ObjectNode toJson(
            Class<?> type, Map<String, List<String>> given, Function<String, List<Integer>> cpuList) {
        Map<String, List<RequestSchema.Entry>> byFlag = new LinkedHashMap<>();
        RequestSchema.fields(type)
                .forEach(e -> byFlag.computeIfAbsent(e.field().flag(), k -> new ArrayList<>())
                        .add(e));
        ObjectNode json = JSON.objectNode();
        given.forEach((flag, values) -> put(json, flag, values, byFlag.get(flag), cpuList));
        return json;
    }

    private static void put(
            ObjectNode json,
            String flag,
            List<String> values,
            List<RequestSchema.Entry> entries,
            Function<String, List<Integer>> cpuList) {
        for (RequestSchema.Entry e : entries) {
            CliForm form = e.field().form();
            Class<?> t = e.component().getType();
            for (String v : values) {
                int eq = v.lastIndexOf('=');
                boolean named = eq > 0 && eq < v.length() - 1;
                switch (form) {
                    case VALUE ->
                        json.set(
                                e.wire(),
                                List.class.isAssignableFrom(t)
                                        ? append(json, e.wire(), scalar(itemType(e), v))
                                        : scalar(t, v));
                    case LIST -> {
                        for (String item : v.split(",")) {
                            append(json, e.wire(), scalar(itemType(e), item.trim()));
                        }
                    }
                    case CPU_LIST -> cpuList.apply(v).forEach(c -> append(json, e.wire(), JSON.numberNode(c)));
                    case UNNAMED -> unnamed(json, e, flag, v, named, JSON.textNode(v));
                    case UNNAMED_PAIR -> unnamed(json, e, flag, v, named, pair(flag, v, v));
                    case NAMED, NAMED_PAIR, NAMED_SHAPE -> named(json, e, flag, v, entries.size() > 1 && !named);
                    default -> throw new IllegalStateException("form " + form);
                }
            }
        }
    }

    private static void unnamed(
            ObjectNode json, RequestSchema.Entry e, String flag, String v, boolean named, JsonNode value) {
        if (named) {
            return;
        }
        if (json.has(e.wire())) {
            throw new IllegalArgumentException(flag + " [" + v + "]: the model's only input is given more than"
                    + " once; give each input one value, or name them NAME=...");
        }
        json.set(e.wire(), value);
    }

    private static void named(ObjectNode json, RequestSchema.Entry e, String flag, String v, boolean unnamedOk) {
        int eq = v.lastIndexOf('=');
        if (unnamedOk) {
            return; // the UNNAMED field of the same flag takes it
        }
        if (eq <= 0 || eq == v.length() - 1) {
            throw new IllegalArgumentException(flag + " [" + v + "] must look like NAME=VALUE, e.g. "
                    + example(e.field().form()));
        }
        String name = v.substring(0, eq);
        String text = v.substring(eq + 1);
        ObjectNode map = json.has(e.wire()) ? (ObjectNode) json.get(e.wire()) : json.putObject(e.wire());
        if (map.has(name)) {
            throw new IllegalArgumentException(
                    flag + ": input [" + name + "] is given more than once; give each" + " input one value");
        }
        map.set(
                name,
                switch (e.field().form()) {
                    case NAMED_PAIR -> pair(flag, v, text);
                    case NAMED_SHAPE -> dims(flag, v, text);
                    default -> scalar(mapValueType(e), text);
                });
    }

    private static String example(CliForm form) {
        return form == CliForm.NAMED_SHAPE ? "x=1x3x224x224" : form == CliForm.NAMED_PAIR ? "x=-1,1" : "sr=16000";
    }

    private static JsonNode pair(String flag, String spec, String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException(flag + " [" + spec + "] must give two numbers A,B, e.g. -1,1");
        }
        return JSON.arrayNode().add(scalar(Double.class, parts[0].trim())).add(scalar(Double.class, parts[1].trim()));
    }

    private static JsonNode dims(String flag, String spec, String text) {
        ArrayNode out = JSON.arrayNode();
        for (String d : text.split("[x,]")) {
            out.add(scalar(Long.class, d.trim()));
        }
        return out;
    }

    /** A number when it parses as one, else the text, which the schema then rejects with the value. */
    private static JsonNode scalar(Class<?> t, String v) {
        try {
            if (t == Integer.class || t == Long.class) {
                return JSON.numberNode(Long.parseLong(v));
            }
            if (t == Double.class) {
                return JSON.numberNode(Double.parseDouble(v));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(v);
        }
        return t == Boolean.class ? JSON.booleanNode(Boolean.parseBoolean(v)) : JSON.textNode(v);
    }

    private static JsonNode append(ObjectNode json, String wire, JsonNode item) {
        ArrayNode list = json.has(wire) ? (ArrayNode) json.get(wire) : json.putArray(wire);
        return list.add(item);
    }

    private static Class<?> itemType(RequestSchema.Entry e) {
        return typeArg(e, 0);
    }

    private static Class<?> mapValueType(RequestSchema.Entry e) {
        return typeArg(e, 1);
    }

    private static Class<?> typeArg(RequestSchema.Entry e, int i) {
        var args = ((ParameterizedType) e.component().getGenericType()).getActualTypeArguments();
        return args[Math.min(i, args.length - 1)] instanceof Class<?> c ? c : Object.class;
    }
}

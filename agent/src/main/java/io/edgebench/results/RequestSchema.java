package io.edgebench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.edgebench.json.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds and checks request records from their {@link Field} annotations: the one reader of the bounds and
 * defaults written beside the components. MQTT requests and the CLI's flags (turned into the same JSON) both go
 * through {@link #bind}, so the two accept the same fields with the same bounds and say so in the same words.
 */
public final class RequestSchema {
    /** Jackson as configured for the project, but strict about types: "5" is not 5 and 1.5 is not an integer. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // nor is 5 a string, or 1 true
            .withCoercionConfig(
                    LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    private static final ClassValue<List<Entry>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Entry> computeValue(Class<?> type) {
            List<Entry> out = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                if (rc.isAnnotationPresent(Field.Flat.class)) {
                    out.addAll(fields(rc.getType()));
                } else if (rc.getAnnotation(Field.class) != null) {
                    out.add(new Entry(rc, rc.getAnnotation(Field.class), snake(rc.getName())));
                }
            }
            return List.copyOf(out);
        }
    };

    private RequestSchema() {}

    /**
     * One request field.
     *
     * @param wire its JSON key
     */
    public record Entry(RecordComponent component, Field field, String wire) {
        /** What a valid value looks like, for messages: "an integer 1..100000", "an array of 1..8 strings". */
        public String expected() {
            if (!field.expect().isEmpty()) {
                return field.expect();
            }
            Class<?> t = component.getType();
            if (List.class.isAssignableFrom(t)) {
                return (field.orOne() ? "one of them or " : "") + "an array of 1.." + field.maxItems() + " "
                        + scalar(itemType(), true);
            }
            return scalar(t, false);
        }

        /** The default as its JSON text, or "" when there is none. */
        public String dflt() {
            return field.dflt();
        }

        boolean bounded() {
            return !Double.isNaN(field.min());
        }

        private Class<?> itemType() {
            var p = (java.lang.reflect.ParameterizedType) component.getGenericType();
            return (Class<?>) p.getActualTypeArguments()[0];
        }

        private String scalar(Class<?> t, boolean plural) {
            String range = bounded() ? " " + fmt(field.min()) + ".." + fmt(field.max()) : "";
            if (t == Integer.class || t == Long.class || t == int.class || t == long.class) {
                return (plural ? "integers" : "an integer") + range;
            }
            if (t == Double.class || t == double.class) {
                return (plural ? "numbers" : "a number") + range;
            }
            if (t == Boolean.class || t == boolean.class) {
                return "true or false";
            }
            return plural ? "strings" : "a string";
        }
    }

    /** Whose words a message speaks: a request's field names or the CLI's flags. */
    public enum Voice {
        WIRE,
        CLI;

        /** "field \"edgetpu_device\"" or "--edgetpu-device". */
        public String name(Class<?> type, String wire) {
            return this == CLI ? entry(type, wire).field().flag() : "field \"" + wire + "\"";
        }
    }

    /** A value a request field does not take; the message names the field, the value and what was expected. */
    public static final class Invalid extends IllegalArgumentException {
        private final transient Entry entry;
        private final String got;

        Invalid(Entry entry, String got) {
            super("field \"" + entry.wire() + "\" must be " + entry.expected() + ", got [" + got + "]");
            this.entry = entry;
            this.got = got;
        }

        public Entry entry() {
            return entry;
        }

        /** The same in the CLI's words, with the text given: "--runs [0] must be an integer 1..100000". */
        public String cliMessage(String given) {
            return entry.field().flag() + " [" + given + "] must be " + entry.expected();
        }
    }

    /** The fields of a request record, those of its {@link Field.Flat} components in place. */
    public static List<Entry> fields(Class<?> type) {
        return FIELDS.get(type);
    }

    /** The JSON keys a request record takes. */
    public static Set<String> keys(Class<?> type) {
        Set<String> keys = new TreeSet<>();
        fields(type).forEach(e -> keys.add(e.wire()));
        return keys;
    }

    public static Entry entry(Class<?> type, String wire) {
        return fields(type).stream()
                .filter(e -> e.wire().equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " has no field " + wire));
    }

    /**
     * Binds a request: unknown keys are rejected with the known ones, each value is read by Jackson as its
     * component's type and checked against its bounds; absent fields stay null (the defaults apply later, in one
     * place: {@link #defaults}).
     */
    public static <R extends Record> R bind(ObjectNode node, Class<R> type) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!keys(type).contains(name)) {
                throw new IllegalArgumentException(
                        "unknown field \"" + truncate(name) + "\" (known: " + String.join(", ", keys(type)) + ")");
            }
        }
        return construct(type, e -> read(e, node.get(e.wire())), rc -> null);
    }

    /** A record holding every field's default (null where there is none). */
    public static <R extends Record> R defaults(Class<R> type) {
        return construct(type, e -> e.dflt().isEmpty() ? null : read(e, parse(e.dflt())), rc -> null);
    }

    /**
     * A request record from named values (wire names; a flat group by its component's name), each checked as a
     * bound request's would be: the named factory of writers (the demo, tests).
     */
    public static <R extends Record> R of(Class<R> type, Map<String, Object> values) {
        for (String name : values.keySet()) {
            boolean known = keys(type).contains(name)
                    || java.util.Arrays.stream(type.getRecordComponents())
                            .anyMatch(rc -> rc.getName().equals(name) && rc.isAnnotationPresent(Field.Flat.class));
            if (!known) {
                throw new IllegalArgumentException(type.getSimpleName() + " has no field " + name);
            }
        }
        return construct(type, e -> values.containsKey(e.wire()) ? checked(e, values.get(e.wire())) : null, rc ->
                (Record) values.get(rc.getName()));
    }

    /** The fields a request gives (not null), by wire name in component order, flat groups flat: what writers send. */
    public static Map<String, Object> given(Record r) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            Object v = value(rc, r);
            if (v instanceof Record group && rc.isAnnotationPresent(Field.Flat.class)) {
                out.putAll(given(group));
            } else if (v != null && rc.isAnnotationPresent(Field.class)) {
                out.put(snake(rc.getName()), v);
            }
        }
        return out;
    }

    /** {@code given} with every null field (of flat groups too) taken from {@code defaults}. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R withDefaults(R given, R defaults) {
        RecordComponent[] rcs = given.getClass().getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            Object g = value(rcs[i], given);
            args[i] = g instanceof Record r && rcs[i].isAnnotationPresent(Field.Flat.class)
                    ? withDefaults(r, (Record) value(rcs[i], defaults))
                    : g != null ? g : value(rcs[i], defaults);
        }
        return (R) newRecord(given.getClass(), types, args);
    }

    /** Checks a value built in code (BenchParams) against its request field's bounds; null is not given. */
    public static void check(Class<?> type, String wire, Number value) {
        Entry e = entry(type, wire);
        if (value != null && !inBounds(e, value)) {
            throw new IllegalArgumentException(wire + " [" + value + "] must be "
                    + fmt(e.field().min()) + ".." + fmt(e.field().max()));
        }
    }

    private static Object read(Entry e, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (e.field().orOne() && !v.isArray()) {
            v = Json.mapper().createArrayNode().add(v);
        }
        Object value;
        try {
            JavaType t = STRICT.getTypeFactory().constructType(e.component().getGenericType());
            value = STRICT.readerFor(t).readValue(v);
        } catch (JsonProcessingException | IllegalArgumentException ex) {
            throw new Invalid(e, truncate(v.toString()));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("reading a JSON tree cannot do I/O", ex);
        }
        if (e.field().maxItems() > 0 && size(value) > e.field().maxItems()
                || value instanceof Collection<?> c && c.isEmpty()
                || !inBounds(e, value)) {
            throw new Invalid(e, truncate(v.toString()));
        }
        return value;
    }

    /** A value given in code, read back as the component's type and checked as a request's. */
    private static Object checked(Entry e, Object value) {
        return read(e, value == null ? null : STRICT.valueToTree(value));
    }

    private static int size(Object value) {
        return value instanceof Collection<?> c ? c.size() : value instanceof Map<?, ?> m ? m.size() : -1;
    }

    /** Every number in the value (the value itself, list items, map values) within the field's bounds. */
    private static boolean inBounds(Entry e, Object value) {
        if (!e.bounded()) {
            return true;
        }
        if (value instanceof Number n) {
            return n.doubleValue() >= e.field().min()
                    && n.doubleValue() <= e.field().max();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().allMatch(x -> inBounds(e, x));
        }
        return !(value instanceof Map<?, ?> m) || m.values().stream().allMatch(x -> inBounds(e, x));
    }

    private interface Reader {
        Object read(Entry e);
    }

    /** @param group a flat group's given record, or null to build it from the reader too */
    private static <R> R construct(
            Class<R> type, Reader reader, java.util.function.Function<RecordComponent, Record> group) {
        RecordComponent[] rcs = type.getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            Field f = rcs[i].getAnnotation(Field.class);
            if (rcs[i].isAnnotationPresent(Field.Flat.class)) {
                Record given = group.apply(rcs[i]);
                args[i] = given != null ? given : construct(rcs[i].getType(), reader, group);
            } else if (f != null) {
                args[i] = reader.read(new Entry(rcs[i], f, snake(rcs[i].getName())));
            }
        }
        return newRecord(type, types, args);
    }

    private static Object value(RecordComponent rc, Record r) {
        try {
            return rc.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(rc.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    private static <R> R newRecord(Class<R> type, Class<?>[] types, Object[] args) {
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " is not a request record", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a @Field default is not JSON: " + json, e);
        }
    }

    /** Keeps hostile values from making replies or logs huge. */
    static String truncate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...(" + s.length() + " chars)";
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

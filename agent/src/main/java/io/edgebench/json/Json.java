package io.edgebench.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * The one JSON configuration of the project: record components in camelCase become snake_case keys
 * ({@code latencyUs} to {@code latency_us}), absent values are left out, unknown keys in input are errors.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // Paths as typed ("models/x.tflite"), not Jackson's default absolute file:// URI: error messages that
            // travel through JSON (worker protocol, MQTT) should show the path the user gave.
            .addModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance))
            .build();

    /**
     * The controller's reader: the same mapping, but keys (and enum values) this version does not know are ignored,
     * so an older controller reads a newer agent's results (the agent itself stays strict about what it accepts).
     */
    private static final ObjectMapper LENIENT = MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private Json() {}

    public static ObjectMapper lenient() {
        return LENIENT;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Two-space indented output for files and terminals. */
    public static ObjectWriter pretty() {
        return MAPPER.writerWithDefaultPrettyPrinter();
    }
}

package io.edgebench.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads device profiles: the built-in ones (device-profiles/*.yaml, packaged into the jar) and, optionally, a
 * directory whose files add profiles or replace built-ins of the same name.
 */
public final class ProfileLoader {
    /** The profiles in the jar, in detection-tie order. */
    public static final List<String> BUILTIN = List.of(
            "rpi5-coral-usb",
            "rpi4-coral-usb",
            "rpi5",
            "rpi4",
            "coral-dev-board",
            "coral-dev-board-mini",
            "x86-dev",
            "generic-linux");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path overrideDir;

    /** @param overrideDir extra/overriding profiles, may be null */
    public ProfileLoader(Path overrideDir) {
        this.overrideDir = overrideDir;
    }

    /** Every profile, built-ins first, overridden by name from the override directory. */
    public List<DeviceProfile> all() {
        Map<String, DeviceProfile> byName = new LinkedHashMap<>();
        for (String name : BUILTIN) {
            byName.put(name, builtin(name));
        }
        if (overrideDir != null) {
            if (!Files.isDirectory(overrideDir)) {
                throw new ConfigException(
                        "Profile directory [" + overrideDir + "] does not exist or is not a directory.");
            }
            try (Stream<Path> s = Files.list(overrideDir)) {
                for (Path p :
                        s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    DeviceProfile profile = parse(p);
                    byName.put(profile.name(), profile);
                }
            } catch (IOException e) {
                throw new ConfigException(
                        "Profile directory [" + overrideDir + "] cannot be listed: " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The profile called {@code name}; a ConfigException listing the known names otherwise. */
    public DeviceProfile named(String name) {
        List<DeviceProfile> all = all();
        return all.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ConfigException("Profile [" + name + "] is unknown; expected one of: "
                        + all.stream().map(DeviceProfile::name).collect(Collectors.joining(", "))));
    }

    private static DeviceProfile builtin(String name) {
        String resource = "/device-profiles/" + name + ".yaml";
        try (InputStream in = ProfileLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(
                        "Built-in profile [" + resource + "] is missing from the jar (build problem).");
            }
            return parse(resource, in.readAllBytes(), name);
        } catch (IOException e) {
            throw new ConfigException("Built-in profile [" + resource + "] cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses one profile file; its name must match the file name. */
    public static DeviceProfile parse(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        try {
            return parse(file.toString(), Files.readAllBytes(file), stem);
        } catch (IOException e) {
            throw new ConfigException("Profile [" + file + "] cannot be read: " + e.getMessage(), e);
        }
    }

    static DeviceProfile parse(String origin, byte[] yaml, String expectedName) {
        DeviceProfile p;
        try {
            p = YAML.readValue(yaml, DeviceProfile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(
                    "Profile [" + origin + "]: unknown key [" + path(e) + "]; expected one of "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .toList() + ".",
                    e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(
                    "Profile [" + origin + "]: key [" + path(e) + "] has value [" + e.getValue() + "], expected "
                            + e.getTargetType().getSimpleName().toLowerCase() + ".",
                    e);
        } catch (JsonMappingException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String msg = root == e ? e.getOriginalMessage() : root.getMessage();
            throw new ConfigException(
                    "Profile [" + origin + "]: " + (path(e).isEmpty() ? "" : "at [" + path(e) + "] ") + msg, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("Profile [" + origin + "] is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("Profile [" + origin + "] cannot be read: " + e.getMessage(), e);
        }
        if (p == null) {
            throw new ConfigException(
                    "Profile [" + origin + "] is empty; expected at least `name: " + expectedName + "`.");
        }
        if (!p.name().equals(expectedName)) {
            throw new ConfigException("Profile [" + origin + "]: name [" + p.name() + "] must match the file name ["
                    + expectedName + "].");
        }
        return p;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}

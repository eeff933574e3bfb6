package io.edgebench.compare.align;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's pairing of outputs ({@code --match A=B} or {@code --match A=B1+B2}; MQTT {@code match}): output {@code a}
 * of one lane is compared with {@code parts} of the other, concatenated along the first axis where their shapes
 * differ (conversions that split a detector head into 512- and 384-anchor outputs). Either lane may hold {@code a}.
 */
public record OutputMatch(String a, List<String> parts) {
    public OutputMatch {
        if (a == null
                || a.isBlank()
                || parts == null
                || parts.isEmpty()
                || parts.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("match [" + a + "=" + (parts == null ? "" : String.join("+", parts))
                    + "] must look like A=B or A=B1+B2 (output names), e.g. regressors=Identity_2:0+Identity_3:0");
        }
        parts = List.copyOf(parts);
    }

    /** Parses "A=B1+B2" (split at the last '='; output names may contain ':'). */
    public static OutputMatch parse(String spec) {
        int eq = spec == null ? -1 : spec.lastIndexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--match [" + spec + "] must look like A=B or A=B1+B2 (output names),"
                    + " e.g. regressors=Identity_2:0+Identity_3:0");
        }
        List<String> parts = new ArrayList<>(List.of(spec.substring(eq + 1).split("\\+")));
        return new OutputMatch(spec.substring(0, eq), parts);
    }

    public static List<OutputMatch> parseAll(List<String> specs) {
        return specs == null
                ? List.of()
                : specs.stream().map(OutputMatch::parse).toList();
    }

    @Override
    public String toString() {
        return a + "=" + String.join("+", parts);
    }
}

package io.edgebench.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.edgebench.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The strict reader of requests: exactly one JSON value (trailing data is an error, not ignored), valid UTF-8
 * (no silent U+FFFD replacement), and no lone UTF-16 surrogates from {@code \\uD800}-style escapes, which would
 * otherwise surface later as an internal error when a name reaches a file system or a serializer.
 */
final class StrictJson {
    static final ObjectReader READER = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Deeper than any request needs; bounds the recursion of the string check and of Jackson's tree. */
    private static final int MAX_DEPTH = 32;

    private StrictJson() {}

    static String utf8(String verb, byte[] payload, String example) throws CommandRejectedException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw CommandRejectedException.badRequest(
                    verb, "payload is not valid UTF-8 (" + e.getMessage() + ")", example);
        }
    }

    static void checkStrings(String verb, JsonNode node, String example) throws CommandRejectedException {
        check(verb, node, example, 0);
    }

    private static void check(String verb, JsonNode node, String example, int depth) throws CommandRejectedException {
        if (depth > MAX_DEPTH) {
            throw CommandRejectedException.badRequest(
                    verb, "payload nests deeper than " + MAX_DEPTH + " levels", example);
        }
        if (node.isTextual()) {
            checkText(verb, node.textValue(), example);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                checkText(verb, e.getKey(), example);
                check(verb, e.getValue(), example, depth + 1);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                check(verb, item, example, depth + 1);
            }
        }
    }

    private static void checkText(String verb, String s, String example) throws CommandRejectedException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw CommandRejectedException.badRequest(
                        verb,
                        "a string holds a lone UTF-16 surrogate [\\u"
                                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + "] at index " + i
                                + " (not a Unicode character)",
                        example);
            }
        }
    }
}

package io.edgebench.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.edgebench.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps the agent's file system layout out of what it publishes: replies and results name a model by its file name
 * (as the request did), never by its path inside the models dir.
 */
final class ModelPaths {
    private ModelPaths() {}

    /** {@code message} with every spelling of {@code modelsDir} (absolute, real) followed by '/' removed. */
    static String hide(String message, Path modelsDir) {
        return hide(message, spellings(modelsDir), modelsDir.getFileSystem().getSeparator());
    }

    private static String hide(String message, Set<String> spellings, String separator) {
        if (message == null) {
            return null;
        }
        String out = message;
        for (String p : spellings) {
            out = out.replace(p + separator, "").replace(p, "<models dir>");
        }
        return out;
    }

    private static Set<String> spellings(Path modelsDir) {
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add(modelsDir.toAbsolutePath().normalize().toString());
        try {
            prefixes.add(modelsDir.toRealPath().toString());
        } catch (IOException e) {
            // not there (yet): the other spelling still applies
        }
        prefixes.remove("");
        prefixes.remove("/"); // a models dir at the root would erase every slash
        return prefixes;
    }

    /**
     * A result as published: its JSON tree with {@link #hide} applied to every string (the model's path in a
     * BenchResult becomes its file name, error messages lose the models dir).
     */
    static JsonNode hideIn(Object result, Path modelsDir) {
        JsonNode tree = Json.mapper().valueToTree(result);
        Set<String> spellings = spellings(modelsDir);
        String sep = modelsDir.getFileSystem().getSeparator();
        scrub(tree, s -> hide(s, spellings, sep));
        return tree;
    }

    private static void scrub(JsonNode node, UnaryOperator<String> hide) {
        if (node instanceof ObjectNode o) {
            for (var it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(hide.apply(e.getValue().textValue())));
                } else {
                    scrub(e.getValue(), hide);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, TextNode.valueOf(hide.apply(a.get(i).textValue())));
                } else {
                    scrub(a.get(i), hide);
                }
            }
        }
    }
}

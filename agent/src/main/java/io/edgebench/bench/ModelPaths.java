package io.edgebench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps the agent's file system layout out of what it publishes: replies and results name a model by its file name
 * (as the request did), never by its path inside the models dir. The runner names models this way when it builds a
 * result ({@link BenchRunner#namingModelsIn}); replies apply it to their error messages.
 */
public final class ModelPaths {
    private ModelPaths() {}

    /** {@code message} with every spelling of {@code modelsDir} (absolute, real) followed by '/' removed. */
    public static String hide(String message, Path modelsDir) {
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
}

package io.edgebench.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps the agent's file system layout out of what it publishes: replies and results name a model by its file name
 * (as the request did), never by its path inside the models dir.
 */
final class ModelPaths {
    private ModelPaths() {}

    /** {@code message} with every spelling of {@code modelsDir} (absolute, real) followed by '/' removed. */
    static String hide(String message, Path modelsDir) {
        if (message == null) {
            return null;
        }
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add(modelsDir.toAbsolutePath().normalize().toString());
        try {
            prefixes.add(modelsDir.toRealPath().toString());
        } catch (IOException e) {
            // not there (yet): the other spellings still apply
        }
        String out = message;
        for (String p : prefixes) {
            if (!p.isEmpty()) {
                out = out.replace(p + modelsDir.getFileSystem().getSeparator(), "").replace(p, "<models dir>");
            }
        }
        return out;
    }
}

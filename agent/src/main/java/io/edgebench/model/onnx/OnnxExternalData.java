package io.edgebench.model.onnx;

import com.google.protobuf.CodedInputStream;
import io.edgebench.model.ModelLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX external data (tensors whose bytes live in other files, TensorProto.external_data "location"): finds every
 * location in a ModelProto and checks that it names a file inside the model's own directory. ONNX Runtime resolves a
 * location against the model's directory when it loads the model from its path, and against the working directory
 * when it loads it from bytes; a location such as "../../etc/shadow" or "/etc/shadow" would read outside either.
 */
public final class OnnxExternalData {
    private static final int MAX_DEPTH = 16;

    private OnnxExternalData() {}

    /** Every external-data location of the model, in file order (empty for a self-contained model). */
    public static List<String> locations(ByteBuffer model) {
        List<String> out = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(model.duplicate());
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                if (tag == 58) { // ModelProto.graph = 7
                    nested(in, () -> graph(in, out, 0));
                } else {
                    in.skipField(tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The model reader reports malformed files with context; nothing to add here.
        }
        return out;
    }

    /** Throws unless every location resolves to a path inside {@code modelFile}'s directory. */
    public static void checkInside(Path modelFile, List<String> locations) {
        Path dir = modelFile.toAbsolutePath().normalize().getParent();
        for (String loc : locations) {
            Path p = Path.of(loc);
            Path resolved = dir.resolve(p).normalize();
            boolean inside =
                    !p.isAbsolute() && !loc.contains("\\") && resolved.startsWith(dir) && !resolved.equals(dir);
            if (inside && Files.exists(resolved)) {
                try {
                    inside = resolved.toRealPath().startsWith(dir.toRealPath()); // no symlink out of the directory
                } catch (IOException e) {
                    inside = false;
                }
            }
            if (!inside) {
                throw new ModelLoadException("Model [" + modelFile.getFileName() + "] references external data ["
                        + loc + "] outside its directory; external data files must sit next to the model (a relative"
                        + " path without ..), e.g. \"weights.bin\".");
            }
        }
    }

    private interface Body {
        void read() throws IOException;
    }

    private static void nested(CodedInputStream in, Body body) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        body.read();
        in.popLimit(limit);
    }

    private static void graph(CodedInputStream in, List<String> out, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("graphs nested deeper than " + MAX_DEPTH);
        }
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> nested(in, () -> node(in, out, depth)); // node = 1
                case 42 -> nested(in, () -> tensor(in, out)); // initializer = 5
                case 122 -> nested(in, () -> sparse(in, out)); // sparse_initializer = 15
                default -> in.skipField(tag);
            }
        }
    }

    private static void node(CodedInputStream in, List<String> out, int depth) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 42) { // attribute = 5
                nested(in, () -> attribute(in, out, depth));
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void attribute(CodedInputStream in, List<String> out, int depth) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 42, 82 -> nested(in, () -> tensor(in, out)); // t = 5, tensors = 10
                case 50, 90 -> nested(in, () -> graph(in, out, depth + 1)); // g = 6, graphs = 11
                default -> in.skipField(tag);
            }
        }
    }

    private static void sparse(CodedInputStream in, List<String> out) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 10 || tag == 18) { // values = 1, indices = 2
                nested(in, () -> tensor(in, out));
            } else {
                in.skipField(tag);
            }
        }
    }

    private static void tensor(CodedInputStream in, List<String> out) throws IOException {
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 106) { // external_data = 13: StringStringEntryProto {key = 1, value = 2}
                String[] kv = new String[2];
                nested(in, () -> {
                    while (!in.isAtEnd()) {
                        int t = in.readTag();
                        if (t == 10) {
                            kv[0] = in.readString();
                        } else if (t == 18) {
                            kv[1] = in.readString();
                        } else {
                            in.skipField(t);
                        }
                    }
                });
                if ("location".equals(kv[0]) && kv[1] != null) {
                    out.add(kv[1]);
                }
            } else {
                in.skipField(tag);
            }
        }
    }
}

package io.edgebench.model;

import io.edgebench.model.onnx.OnnxModel;
import io.edgebench.model.onnx.OnnxModelReader;
import io.edgebench.results.ModelFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A model file on disk whose format was sniffed from its content: TFLite when bytes 4..8 are "TFL3", ONNX when it
 * starts with a ModelProto field tag and parses as a ModelProto. The content is memory-mapped read-only, so neither
 * inspection nor ONNX Runtime copies it onto the Java heap. Every failure is a {@link ModelLoadException} naming the
 * file, what was found and what was expected.
 */
public final class ModelFile {
    private static final int TFLITE_IDENTIFIER_OFFSET = 4;
    private static final byte[] TFLITE_IDENTIFIER = "TFL3".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final ModelFormat format;
    private final ByteBuffer content;
    private final OnnxModel onnx;
    private final boolean externalData;
    private String sha256;

    private ModelFile(Path path, ModelFormat format, ByteBuffer content, OnnxModel onnx, boolean externalData) {
        this.path = path;
        this.format = format;
        this.content = content;
        this.onnx = onnx;
        this.externalData = externalData;
    }

    /** Opens and sniffs {@code path}; ONNX files are fully parsed here, so a corrupt one fails now. */
    public static ModelFile open(Path path) {
        ByteBuffer content = map(path);
        String name = path.toString();
        if (isTflite(content)) {
            return new ModelFile(path, ModelFormat.TFLITE, content, null, false);
        }
        if (OnnxModelReader.looksLikeModelProto(content)) {
            OnnxModel parsed = OnnxModelReader.read(content, name);
            java.util.List<String> external = io.edgebench.model.onnx.OnnxExternalData.locations(content);
            io.edgebench.model.onnx.OnnxExternalData.checkInside(path, external);
            return new ModelFile(path, ModelFormat.ONNX, content, parsed, !external.isEmpty());
        }
        throw new ModelLoadException("Model [" + name + "] is neither TFLite (no \"TFL3\" identifier at byte 4) nor "
                + "ONNX (does not start like a ModelProto); first bytes: " + MagicHints.describe(content) + ".");
    }

    private static ByteBuffer map(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new ModelLoadException("Model [" + name + "] is a directory; expected a .tflite or .onnx file.");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new ModelLoadException("Model [" + name + "] is empty (0 bytes); expected a .tflite or .onnx "
                        + "file. Was the download or copy interrupted?");
            }
            if (size > Integer.MAX_VALUE) {
                throw new ModelLoadException("Model [" + name + "] is " + size + " bytes; files of 2 GiB and more "
                        + "are not supported (ONNX external data and multi-part models are out of scope).");
            }
            // A mapping stays valid after the channel closes.
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size).asReadOnlyBuffer();
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(
                    "Model [" + name + "] does not exist (working directory "
                            + Path.of("").toAbsolutePath() + ").",
                    e);
        } catch (AccessDeniedException e) {
            throw new ModelLoadException(
                    "Model [" + name + "] is not readable by this user; check its permissions.", e);
        } catch (IOException e) {
            throw new ModelLoadException("Model [" + name + "] could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean isTflite(ByteBuffer content) {
        if (content.limit() < TFLITE_IDENTIFIER_OFFSET + TFLITE_IDENTIFIER.length) {
            return false;
        }
        for (int i = 0; i < TFLITE_IDENTIFIER.length; i++) {
            if (content.get(TFLITE_IDENTIFIER_OFFSET + i) != TFLITE_IDENTIFIER[i]) {
                return false;
            }
        }
        return true;
    }

    public Path path() {
        return path;
    }

    /**
     * True for an ONNX model whose tensors live partly in other files (checked to lie inside the model's directory):
     * load it from its path, so the runtime resolves them against that directory, not the working directory.
     */
    public boolean hasExternalData() {
        return externalData;
    }

    public ModelFormat format() {
        return format;
    }

    public long sizeBytes() {
        return content.limit();
    }

    /** The whole file, read-only, position 0; a direct (mapped) buffer. Each call returns a fresh view. */
    public ByteBuffer content() {
        return content.duplicate();
    }

    /** The parsed ModelProto summary; only for ONNX files. */
    public OnnxModel onnx() {
        if (onnx == null) {
            throw new IllegalStateException("Model [" + path + "] is " + format.id() + ", not ONNX");
        }
        return onnx;
    }

    /** Lower-case hex SHA-256 of the file, streamed from disk once and then cached. */
    public synchronized String sha256() {
        if (sha256 == null) {
            sha256 = digest(path);
        }
        return sha256;
    }

    private static String digest(Path path) {
        try {
            return Sha256.hex(path);
        } catch (IOException e) {
            throw new ModelLoadException("Model [" + path + "] could not be read for its sha256: " + e.getMessage(), e);
        }
    }
}

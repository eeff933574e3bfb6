package io.edgebench.compare;

import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.inputs.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a reference set ({@link ReferenceSet}'s layout) from one lane's outputs: the input directory's files copied
 * to DIR/inputs/, each output's samples as float32 .npy in DIR/outputs/NAME/ (characters a folder name cannot hold,
 * such as '/' and ':', become '_'; a single output is then paired by shape).
 */
final class ReferenceWriter {
    private ReferenceWriter() {}

    static void write(Path dir, LaneOutputs lane, Path inputDir) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException("--save-reference [" + dir + "] exists; give a new folder (a reference set"
                        + " is never overwritten)");
            }
            Path inputs = Files.createDirectories(dir.resolve("inputs"));
            try (Stream<Path> s = Files.list(inputDir)) {
                for (Path f : s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted()
                        .toList()) {
                    Files.copy(f, inputs.resolve(f.getFileName()));
                }
            }
            for (int o = 0; o < lane.names().size(); o++) {
                Path out = Files.createDirectories(
                        dir.resolve("outputs").resolve(folderName(lane.names().get(o))));
                for (int s = 0; s < lane.samples().size(); s++) {
                    Files.write(
                            out.resolve(String.format("%05d.npy", s + 1)),
                            npy(lane.shapes().get(o), lane.samples().get(s).get(o)));
                }
            }
        } catch (IOException e) {
            throw new InputException("--save-reference [" + dir + "] cannot be written: " + e.getMessage(), e);
        }
    }

    static String folderName(String output) {
        String folder = output.replaceAll("[^A-Za-z0-9._-]", "_");
        // "", "." and ".." would name DIR itself or its parent
        return folder.matches("\\.*") ? "_" + folder : folder;
    }

    /** A version 1.0 .npy of little-endian float32, header padded to 64 bytes as numpy writes it. */
    static byte[] npy(List<Long> shape, float[] values) {
        String dims =
                shape.stream().map(String::valueOf).collect(Collectors.joining(", ")) + (shape.size() == 1 ? "," : "");
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        byte[] h = header.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
                .putShort((short) h.length)
                .put(h);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}

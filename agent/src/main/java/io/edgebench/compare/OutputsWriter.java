package io.edgebench.compare;

import io.edgebench.compare.align.LaneOutputs;
import io.edgebench.inputs.InputException;
import io.edgebench.json.Json;
import io.edgebench.results.CompareReport;
import io.edgebench.worker.OutputsReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes every lane's raw outputs (--save-outputs DIR) for the user's own tools:
 * DIR/LANE/OUTPUT/00001.npy (float32, the output's shape; sample k is the k-th agreement input) and DIR/index.json
 * naming the lanes, outputs, their codings and what each sample was fed. Folder names are the label and output name
 * with characters a folder name cannot hold replaced by '_'. Values are float32 as compared: a quantized output
 * dequantized with its scale and zero point, an integer output without them as its raw codes (index.json says
 * which).
 */
public final class OutputsWriter {
    private OutputsWriter() {}

    /** Refuses a DIR that is a symbolic link, a file or a non-empty folder: saved outputs never mix with others. */
    public static void check(Path dir) {
        String hint = "; give a new or empty folder, e.g. --save-outputs outputs-" + System.currentTimeMillis() / 1000;
        if (Files.isSymbolicLink(dir)) {
            throw new IllegalArgumentException(
                    "--save-outputs [" + dir + "] is a symbolic link; expected a real folder" + hint);
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--save-outputs [" + dir + "] is a file; expected a folder" + hint);
        }
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("--save-outputs [" + dir + "] is not empty; expected a new or"
                            + " empty folder (saved outputs are never mixed with other files)" + hint);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("--save-outputs [" + dir + "] cannot be listed: " + e.getMessage()
                        + "; expected a readable folder" + hint);
            }
        }
    }

    /** bench's outputs (--save-outputs): one lane, the samples of {@code reports} (the inputs it was timed with). */
    public static void write(Path dir, String label, List<OutputsReport> reports) {
        write(
                dir,
                List.of(label),
                List.of(Comparison.laneOutputs(reports)),
                reports.stream()
                        .flatMap(r -> r.runs().stream())
                        .map(OutputsReport.SeedOutputs::seed)
                        .toList(),
                Comparison.agreementInputs(reports));
    }

    /**
     * @param outputs per lane, its outputs (null: the lane produced none, listed with saved false)
     * @param samples per sample, the inputs as fed when the user chose any; null: every sample is its seed's random
     *     values
     */
    static void write(
            Path dir,
            List<String> labels,
            List<LaneOutputs> outputs,
            List<Long> seeds,
            List<CompareReport.AgreementSample> samples) {
        check(dir);
        try {
            Files.createDirectories(dir);
            List<Map<String, Object>> lanes = new ArrayList<>();
            Set<String> laneFolders = new HashSet<>();
            for (int i = 0; i < labels.size(); i++) {
                String folder = unique(ReferenceWriter.folderName(labels.get(i)), laneFolders);
                Map<String, Object> lane = new LinkedHashMap<>();
                lane.put("label", labels.get(i));
                lane.put("folder", folder);
                lane.put("saved", outputs.get(i) != null);
                if (outputs.get(i) != null) {
                    lane.put("outputs", writeLane(dir.resolve(folder), outputs.get(i)));
                }
                lanes.add(lane);
            }
            List<Map<String, Object>> index = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) {
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("file", file(s));
                sample.put("seed", seeds.get(s));
                sample.put(
                        "inputs",
                        samples == null
                                ? "seeded random values"
                                : samples.get(s).inputs());
                index.add(sample);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put(
                    "values",
                    "float32 .npy in the output's shape; a quantized output dequantized with its scale and"
                            + " zero point, an integer output without them as its raw codes (each output's coding)");
            root.put("lanes", lanes);
            root.put("samples", index);
            Files.writeString(dir.resolve("index.json"), Json.pretty().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new InputException(
                    "--save-outputs [" + dir + "] cannot be written: " + e.getMessage()
                            + "; check the folder's permissions and free space",
                    e);
        }
    }

    private static List<Map<String, Object>> writeLane(Path laneDir, LaneOutputs lane) throws IOException {
        List<Map<String, Object>> described = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        for (int o = 0; o < lane.names().size(); o++) {
            String folder = unique(ReferenceWriter.folderName(lane.names().get(o)), folders);
            Path out = Files.createDirectories(laneDir.resolve(folder));
            for (int s = 0; s < lane.samples().size(); s++) {
                Files.write(
                        out.resolve(file(s)),
                        ReferenceWriter.npy(
                                lane.shapes().get(o), lane.samples().get(s).get(o)));
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", lane.names().get(o));
            d.put("folder", folder);
            d.put("shape", lane.shapes().get(o));
            d.put(
                    "coding",
                    lane.codings().isEmpty() ? "float32" : lane.codings().get(o).describe());
            described.add(d);
        }
        return described;
    }

    private static String file(int sample) {
        return String.format("%05d.npy", sample + 1);
    }

    /** Two names that become the same folder get _2, _3...: no lane or output overwrites another. */
    private static String unique(String folder, Set<String> used) {
        String f = folder;
        for (int k = 2; !used.add(f); k++) {
            f = folder + "_" + k;
        }
        return f;
    }
}

package io.edgebench.model.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the parts of an ONNX ModelProto that edgebench reports (producer, opsets, op counts, inputs, outputs) straight
 * from the protobuf wire format, with field numbers from onnx.proto, so no generated classes and no runtime are needed.
 * Every length is checked against the enclosing message, nesting is bounded, and anything malformed becomes a
 * {@link ModelLoadException}: a corrupt file never escapes as another exception type.
 */
public final class OnnxModelReader {
    /** If/Loop bodies nest graphs; real models stay far below this, crafted files could recurse without end. */
    static final int MAX_GRAPH_DEPTH = 32;

    // ModelProto fields and the wire type each must have; any other top-level field means "not a ModelProto".
    private static final Map<Integer, Integer> MODEL_FIELDS = Map.ofEntries(
            Map.entry(1, WireFormat.WIRETYPE_VARINT), // ir_version
            Map.entry(2, WireFormat.WIRETYPE_LENGTH_DELIMITED), // producer_name
            Map.entry(3, WireFormat.WIRETYPE_LENGTH_DELIMITED), // producer_version
            Map.entry(4, WireFormat.WIRETYPE_LENGTH_DELIMITED), // domain
            Map.entry(5, WireFormat.WIRETYPE_VARINT), // model_version
            Map.entry(6, WireFormat.WIRETYPE_LENGTH_DELIMITED), // doc_string
            Map.entry(7, WireFormat.WIRETYPE_LENGTH_DELIMITED), // graph
            Map.entry(8, WireFormat.WIRETYPE_LENGTH_DELIMITED), // opset_import
            Map.entry(14, WireFormat.WIRETYPE_LENGTH_DELIMITED), // metadata_props
            Map.entry(20, WireFormat.WIRETYPE_LENGTH_DELIMITED), // training_info
            Map.entry(25, WireFormat.WIRETYPE_LENGTH_DELIMITED), // functions
            Map.entry(26, WireFormat.WIRETYPE_LENGTH_DELIMITED)); // configuration

    /** ir_version 8, a graph with one Relu node, opset 13: the smallest ModelProto this reader accepts. */
    private static final byte[] SMALLEST_MODEL = {
        0x08, 0x08, 0x3a, 0x08, 0x0a, 0x06, 0x22, 0x04, 'R', 'e', 'l', 'u', 0x42, 0x02, 0x10, 0x0d
    };

    private OnnxModelReader() {}

    /**
     * Runs the reader once on a 16-byte model. In a fresh JVM the first parse costs 100+ ms of class loading and
     * lambda bootstrap; warming first keeps that out of a benchmark's model_load_us.
     */
    public static void warmUp() {
        read(ByteBuffer.wrap(SMALLEST_MODEL), "warm-up");
    }

    /**
     * True when the first bytes start with a tag that a ModelProto can begin with (e.g. 0x08, ir_version). A cheap
     * pre-check for format sniffing; only {@link #read} proves the rest.
     */
    public static boolean looksLikeModelProto(ByteBuffer head) {
        ByteBuffer b = head.duplicate();
        int tag = 0;
        for (int shift = 0; shift < 14 && b.hasRemaining(); shift += 7) {
            int next = b.get() & 0xff;
            tag |= (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                Integer wire = MODEL_FIELDS.get(WireFormat.getTagFieldNumber(tag));
                return wire != null && wire == WireFormat.getTagWireType(tag);
            }
        }
        return false;
    }

    /** Parses a whole ModelProto; {@code name} is the file name used in error messages. */
    public static OnnxModel read(ByteBuffer bytes, String name) {
        CodedInputStream in = CodedInputStream.newInstance(bytes.duplicate());
        try {
            return readModel(in, name);
        } catch (InvalidProtocolBufferException e) {
            throw malformed(name, in, shortDetail(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelLoadException mle) {
                throw mle;
            }
            throw malformed(name, in, e.toString());
        }
    }

    /** protobuf-java's messages are long and generic; the common ones get one short phrase. */
    private static String shortDetail(String message) {
        String m = String.valueOf(message);
        if (m.contains("ended unexpectedly")) {
            return "the data ends in the middle of a field";
        }
        if (m.contains("invalid tag") || m.contains("invalid wire type") || m.contains("end-group tag")) {
            return "invalid field tag";
        }
        if (m.contains("levels of nesting")) {
            return "messages nested too deeply";
        }
        if (m.contains("malformed varint")) {
            return "malformed varint";
        }
        if (m.contains("negative size")) {
            return "negative length";
        }
        return m;
    }

    private static ModelLoadException malformed(String name, CodedInputStream in, String detail) {
        return new ModelLoadException("Model [" + name + "] is not a valid ONNX ModelProto (" + detail + " near byte "
                + in.getTotalBytesRead() + "). Is the file truncated or corrupt? Compare its sha256 with the source.");
    }

    private static OnnxModel readModel(CodedInputStream in, String name) throws IOException {
        long irVersion = -1;
        String producerName = "";
        String producerVersion = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        GraphSummary graph = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            Integer wire = MODEL_FIELDS.get(field);
            if (wire == null || wire != WireFormat.getTagWireType(tag)) {
                throw new ModelLoadException("Model [" + name + "] is not an ONNX ModelProto: unexpected field "
                        + field + " (wire type " + WireFormat.getTagWireType(tag) + ") near byte "
                        + in.getTotalBytesRead() + ". Is it another protobuf, or corrupt?");
            }
            switch (field) {
                case 1 -> irVersion = in.readInt64();
                case 2 -> producerName = in.readString();
                case 3 -> producerVersion = in.readString();
                case 7 -> graph = nested(in, () -> readGraph(in, 0));
                case 8 -> nested(in, () -> readOpset(in, opsets));
                default -> in.skipField(tag);
            }
        }
        if (irVersion < 0 || graph == null || opsets.isEmpty()) {
            throw new ModelLoadException("Model [" + name + "] is not a complete ONNX ModelProto: "
                    + (irVersion < 0 ? "no ir_version" : graph == null ? "no graph" : "no opset_import")
                    + ". Is the file truncated (header only)? Re-export or re-download it.");
        }
        return new OnnxModel(
                irVersion,
                producerName,
                producerVersion,
                opsets,
                graph.nodeCount,
                graph.opCounts,
                graph.inputs,
                graph.outputs,
                graph.initializers.size(),
                graph.subgraphs);
    }

    /** Reads one length-delimited sub-message with {@code body}, which must stop at the pushed limit. */
    static <T> T nested(CodedInputStream in, Body<T> body) throws IOException {
        int length = in.readRawVarint32();
        int old = in.pushLimit(length);
        T value = body.read();
        if (!in.isAtEnd()) {
            throw new InvalidProtocolBufferException("sub-message did not end at its declared length");
        }
        in.popLimit(old);
        return value;
    }

    /** Reads a message body up to the current limit. */
    @FunctionalInterface
    interface Body<T> {
        T read() throws IOException;
    }

    private static Void readOpset(CodedInputStream in, Map<String, Long> opsets) throws IOException {
        String domain = "";
        long version = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> domain = in.readString(); // 1: domain
                case 16 -> version = in.readInt64(); // 2: version
                default -> in.skipField(tag);
            }
        }
        opsets.put(domain, version);
        return null;
    }

    private static final class GraphSummary {
        int nodeCount;
        int subgraphs = 1;
        final Map<String, Integer> opCounts = new LinkedHashMap<>();
        final Set<String> initializers = new HashSet<>();
        final List<TensorInfo> declaredInputs = new ArrayList<>();
        List<TensorInfo> inputs = List.of();
        final List<TensorInfo> outputs = new ArrayList<>();
    }

    private static GraphSummary readGraph(CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_GRAPH_DEPTH) {
            throw new InvalidProtocolBufferException("graphs nested deeper than " + MAX_GRAPH_DEPTH);
        }
        GraphSummary g = new GraphSummary();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 10 -> { // 1: node
                    String op = nested(in, () -> readNode(in, depth, g));
                    g.opCounts.merge(op, 1, Integer::sum);
                    g.nodeCount++;
                }
                case 42 -> g.initializers.add(nested(in, () -> readTensorName(in))); // 5: initializer
                case 122 -> g.initializers.add(nested(in, () -> readSparseTensorName(in))); // 15: sparse_initializer
                case 90 -> g.declaredInputs.add(nested(in, () -> OnnxValueInfoReader.read(in))); // 11: input
                case 98 -> g.outputs.add(nested(in, () -> OnnxValueInfoReader.read(in))); // 12: output
                default -> in.skipField(tag);
            }
        }
        // IR < 4 models (and some exporters) list every initializer in graph.input too: only the rest are inputs.
        g.inputs = g.declaredInputs.stream()
                .filter(t -> !g.initializers.contains(t.name()))
                .toList();
        return g;
    }

    /** Returns the op key ("Conv", or "com.microsoft:QLinearConv") and counts graphs nested in attributes. */
    private static String readNode(CodedInputStream in, int depth, GraphSummary parent) throws IOException {
        String opType = "";
        String domain = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (tag) {
                case 34 -> opType = in.readString(); // 4: op_type
                case 58 -> domain = in.readString(); // 7: domain
                case 42 -> parent.subgraphs += nested(in, () -> readAttributeGraphs(in, depth)); // 5: attribute
                default -> in.skipField(tag);
            }
        }
        if (opType.isEmpty()) {
            throw new InvalidProtocolBufferException("node without op_type");
        }
        return domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + ":" + opType;
    }

    private static int readAttributeGraphs(CodedInputStream in, int depth) throws IOException {
        int graphs = 0;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 50 || tag == 90) { // 6: g, 11: graphs
                graphs += nested(in, () -> readGraph(in, depth + 1)).subgraphs;
            } else {
                in.skipField(tag);
            }
        }
        return graphs;
    }

    private static String readTensorName(CodedInputStream in) throws IOException {
        String name = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 66) { // 8: name; raw_data (9) and the typed data fields are skipped, not copied
                name = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }

    private static String readSparseTensorName(CodedInputStream in) throws IOException {
        String name = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == 10) { // 1: values, a TensorProto carrying the name
                name = nested(in, () -> readTensorName(in));
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }
}

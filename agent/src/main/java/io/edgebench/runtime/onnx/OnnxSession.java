package io.edgebench.runtime.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgebench.model.ModelFile;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.OutputCoding;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.onnx.OnnxModel;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.SessionTimings;
import io.edgebench.runtime.onnx.OnnxTensors.InputSlot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session on the CPU EP with its input tensors, and every output of static shape, preallocated once
 * (direct buffers the tensors wrap), so {@link #run()} is a single native call that writes the outputs in place,
 * plus closing the previous (then nearly empty) result. Owns the OrtSession, the input and output tensors and the last
 * Result; closes them in reverse order of creation.
 */
public final class OnnxSession implements ModelSession {
    private final String model;
    private final String version;
    private final OrtSession session;
    private final List<InputSlot> slots;
    private final Map<String, OnnxTensor> feed;
    private final OutputPins pins;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;
    /** Why an integer output stays raw codes (no scale found in the graph), by output name. */
    private final Map<String, String> unresolvedOutputs;

    private final SessionTimings timings;
    private final OrtEnvironment env;
    private final ModelFile file;
    private final SessionOptions options;
    private OrtSession.Result last;
    private boolean closed;

    private OnnxSession(
            OrtEnvironment env,
            ModelFile file,
            SessionOptions options,
            String version,
            OrtSession session,
            List<InputSlot> slots,
            List<TensorInfo> inputs,
            OnnxOutputs outputs,
            OutputPins pins,
            SessionTimings timings) {
        this.env = env;
        this.file = file;
        this.options = options;
        this.model = file.path().toString();
        this.version = version;
        this.session = session;
        this.slots = List.copyOf(slots);
        this.inputs = List.copyOf(inputs);
        this.outputs = outputs.infos();
        this.unresolvedOutputs = outputs.unresolved();
        this.pins = pins;
        this.timings = timings;
        Map<String, OnnxTensor> f = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            f.put(inputs.get(i).name(), slots.get(i).tensor());
        }
        this.feed = Map.copyOf(f);
    }

    static OnnxSession create(OrtEnvironment env, ModelFile file, SessionOptions options, long modelLoadUs) {
        String model = file.path().toString();
        OnnxModel parsed = file.onnx();
        InputShapes.checkNames(model, parsed.inputs(), options.inputShapes());
        long t0 = System.nanoTime();
        OrtSession session;
        try (OrtSession.SessionOptions so = sessionOptions(options, parsed)) {
            // From its path when tensors live in other files: ONNX Runtime then resolves them against the model's
            // directory (ModelFile checked they stay inside it); from bytes they would resolve against the cwd.
            session = file.hasExternalData()
                    ? env.createSession(file.path().toAbsolutePath().toString(), so)
                    : env.createSession(file.content(), so);
        } catch (OrtException e) {
            throw OnnxErrors.wrap(model, e);
        }
        List<InputSlot> slots = new ArrayList<>();
        OutputPins pins = null;
        try {
            List<TensorInfo> declaredInputs = new ArrayList<>();
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                declaredInputs.add(tensorInfo(model, e.getKey(), e.getValue()));
            }
            InputShapes.checkAllGiven(model, declaredInputs, options.inputShapes());
            List<TensorInfo> inputs = new ArrayList<>();
            for (TensorInfo declared : declaredInputs) {
                long[] shape = InputShapes.resolve(model, declared, options.inputShapes());
                slots.add(OnnxTensors.allocate(env, declared.name(), declared.dtype(), shape));
                inputs.add(new TensorInfo(
                        declared.name(),
                        declared.dtype(),
                        Arrays.stream(shape).boxed().toList(),
                        declared.dimNames(),
                        null));
            }
            List<TensorInfo> outputs = new ArrayList<>();
            for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
                outputs.add(tensorInfo(model, e.getKey(), e.getValue()));
            }
            pins = OutputPins.allocate(env, outputs);
            long initUs = (System.nanoTime() - t0) / 1_000;
            return new OnnxSession(
                    env,
                    file,
                    options,
                    env.getVersion(),
                    session,
                    slots,
                    inputs,
                    OnnxOutputs.of(file, outputs),
                    pins,
                    new SessionTimings(modelLoadUs, initUs));
        } catch (OrtException | RuntimeException e) {
            if (pins != null) {
                pins.close();
            }
            slots.forEach(s -> s.tensor().close());
            OnnxErrors.closeQuietly(session);
            throw e instanceof OrtException oe ? OnnxErrors.wrap(model, oe) : (RuntimeException) e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(SessionOptions options, OnnxModel parsed)
            throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(options.threads());
        so.setInterOpNumThreads(1);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // Spinning pool threads burn CPU (and board power) between runs; the user decides.
        so.addConfigEntry("session.intra_op.allow_spinning", options.onnxSpinning() ? "1" : "0");
        // Named dynamic dims fixed up front let ONNX Runtime plan with static shapes, as a deployed model would.
        for (Map.Entry<String, Long> dim : symbolicDims(parsed, options).entrySet()) {
            so.setSymbolicDimensionValue(dim.getKey(), dim.getValue());
        }
        return so;
    }

    /** dim_param name to the value the user chose; names given conflicting values are left dynamic. */
    private static Map<String, Long> symbolicDims(OnnxModel parsed, SessionOptions options) {
        Map<String, Long> dims = new LinkedHashMap<>();
        Map<String, Boolean> conflict = new LinkedHashMap<>();
        for (TensorInfo in : parsed.inputs()) {
            List<Long> given = options.inputShapes().get(in.name());
            if (given == null
                    || given.size() != in.shape().size()
                    || in.dimNames().size() != given.size()) {
                continue;
            }
            for (int i = 0; i < given.size(); i++) {
                String sym = in.dimNames().get(i);
                if (sym != null && given.get(i) >= 1) {
                    Long prev = dims.putIfAbsent(sym, given.get(i));
                    if (prev != null && !prev.equals(given.get(i))) {
                        conflict.put(sym, true);
                    }
                }
            }
        }
        conflict.keySet().forEach(dims::remove);
        return dims;
    }

    private static TensorInfo tensorInfo(String model, String name, NodeInfo node) {
        if (!(node.getInfo() instanceof ai.onnxruntime.TensorInfo t)) {
            throw new ModelLoadException("Input/output [" + name + "] of model [" + model + "] is a "
                    + node.getInfo().getClass().getSimpleName()
                    + ", not a tensor; only tensor I/O can be benchmarked.");
        }
        String[] names = t.getDimensionNames();
        List<String> dimNames = new ArrayList<>();
        boolean anyNamed = false;
        for (String n : names) {
            dimNames.add(n == null || n.isEmpty() ? null : n);
            anyNamed |= n != null && !n.isEmpty();
        }
        List<Long> shape = Arrays.stream(t.getShape()).boxed().toList();
        return new TensorInfo(name, OnnxTensors.dtype(t), shape, anyNamed ? dimNames : List.of(), null);
    }

    @Override
    public RuntimeKind runtime() {
        return RuntimeKind.ONNX;
    }

    @Override
    public String runtimeVersion() {
        return version;
    }

    @Override
    public Delegate delegate() {
        return Delegate.CPU;
    }

    @Override
    public SessionTimings timings() {
        return timings;
    }

    @Override
    public List<TensorInfo> inputs() {
        ensureOpen();
        return inputs;
    }

    @Override
    public List<TensorInfo> outputs() {
        ensureOpen();
        return outputs;
    }

    @Override
    public void setInput(int index, float[] realValues) {
        ensureOpen();
        InputSlot slot = slots.get(checkIndex("input", index, slots.size()));
        if (realValues.length != slot.elements()) {
            throw new IllegalArgumentException("input " + index + " ["
                    + inputs.get(index).name() + "] takes "
                    + slot.elements() + " values (shape " + inputs.get(index).shape() + "), got [" + realValues.length
                    + "]");
        }
        OnnxTensors.write(slot, realValues);
    }

    @Override
    public void setInputBytes(int index, java.nio.ByteBuffer bytes) {
        ensureOpen();
        InputSlot slot = slots.get(checkIndex("input", index, slots.size()));
        java.nio.ByteBuffer target = slot.bytes().duplicate();
        target.clear();
        if (bytes.remaining() != target.remaining()) {
            throw new IllegalArgumentException("input [" + inputs.get(index).name() + "] takes " + target.remaining()
                    + " bytes (" + slot.dtype().id() + " " + inputs.get(index).shape() + "), got ["
                    + bytes.remaining() + "]");
        }
        target.put(bytes.duplicate());
    }

    @Override
    public List<Long> outputShape(int index) {
        ensureOpen();
        checkIndex("output", index, outputs.size());
        if (last != null && pins.value(last, index) instanceof OnnxTensor t) {
            return Arrays.stream(t.getInfo().getShape()).boxed().toList();
        }
        return outputs.get(index).shape();
    }

    @Override
    public io.edgebench.results.OpProfile profileOps(int runs) {
        ensureOpen();
        try (OrtSession.SessionOptions so = sessionOptions(options, file.onnx())) {
            return OnnxOpProfiler.profile(env, file.content(), so, feed, runs, model);
        } catch (OrtException e) {
            throw OnnxErrors.wrap(model, e);
        }
    }

    @Override
    public void run() {
        ensureOpen();
        closeLast();
        try {
            last = pins.run(session, feed);
        } catch (OrtException e) {
            throw new ModelLoadException(
                    "ONNX Runtime failed to run model [" + model + "]: " + e.getMessage()
                            + ". Hint: check --input-shape values against the model (edgebench inspect " + model + ").",
                    e);
        }
    }

    @Override
    public float[] output(int index) {
        ensureOpen();
        checkIndex("output", index, outputs.size());
        if (last == null) {
            throw new IllegalStateException("OnnxSession has no outputs yet: call run() before output(" + index + ")");
        }
        OnnxValue value = pins.value(last, index);
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("Output [" + outputs.get(index).name() + "] is not a tensor");
        }
        float[] values = OnnxTensors.toFloats(outputs.get(index).name(), tensor);
        return OnnxOutputs.dequantize(values, outputs.get(index).quantization());
    }

    @Override
    public OutputCoding outputCoding(int index) {
        ensureOpen();
        checkIndex("output", index, outputs.size());
        TensorInfo t = outputs.get(index);
        return OutputCoding.of(t, unresolvedOutputs.get(t.name()));
    }

    /** Whether outputs are written into preallocated tensors (see {@link OutputPins}); for tests. */
    boolean outputsPinned() {
        return pins.active();
    }

    /** None: ONNX Runtime's CPU execution provider is the runtime itself, not a delegate that took nodes from it. */
    @Override
    public Delegation delegation() {
        ensureOpen();
        return null;
    }

    /** Closes the last result, the output and input tensors, then the session; safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeLast();
        pins.close();
        for (int i = slots.size() - 1; i >= 0; i--) {
            slots.get(i).tensor().close();
        }
        OnnxErrors.closeQuietly(session);
    }

    private void closeLast() {
        if (last != null) {
            last.close();
            last = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("OnnxSession is closed");
        }
    }

    private static int checkIndex(String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(what + " index [" + index + "] must be 0.." + (size - 1));
        }
        return index;
    }
}

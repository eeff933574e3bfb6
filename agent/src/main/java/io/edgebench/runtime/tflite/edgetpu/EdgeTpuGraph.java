package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.results.Delegation;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.TfLiteRegistration;

/**
 * What an interpreter's graph says about the Edge TPU: how many {@code edgetpu-custom-op} nodes it has (the part
 * edgetpu_compiler mapped to the TPU), how much a delegate took, and the user-facing messages for the two classic
 * mix-ups (compiled model without the Edge TPU, plain model with it).
 */
public final class EdgeTpuGraph {
    /** The custom op edgetpu_compiler replaces mapped subgraphs with. */
    public static final String CUSTOM_OP = "edgetpu-custom-op";

    private EdgeTpuGraph() {}

    /** Nodes in the current execution plan whose registration is the edgetpu custom op (count before delegating). */
    public static int customOpNodes(Interpreter interpreter) {
        IntPointer plan = interpreter.execution_plan();
        int count = 0;
        for (long i = 0; i < plan.limit(); i++) {
            RegistrationNodePair pair = interpreter.node_and_registration(plan.get(i));
            TfLiteRegistration reg = pair == null ? null : pair.second();
            BytePointer name = reg == null ? null : reg.custom_name();
            if (name != null && !name.isNull() && CUSTOM_OP.equals(name.getString())) {
                count++;
            }
        }
        return count;
    }

    /** Number of nodes in the execution plan. Take it before ModifyGraphWithDelegate for the original total. */
    public static int planSize(Interpreter interpreter) {
        return (int) interpreter.execution_plan().limit();
    }

    /**
     * Delegation after ModifyGraphWithDelegate: nodes still on the CPU are plan nodes without a delegate; the rest of
     * {@code originalNodes} went to delegate kernels.
     */
    public static Delegation delegation(Interpreter interpreter, int originalNodes) {
        IntPointer plan = interpreter.execution_plan();
        int cpu = 0;
        for (long i = 0; i < plan.limit(); i++) {
            RegistrationNodePair pair = interpreter.node_and_registration(plan.get(i));
            if (pair == null
                    || pair.first() == null
                    || pair.first().delegate() == null
                    || pair.first().delegate().isNull()) {
                cpu++;
            }
        }
        return new Delegation(Math.max(0, originalNodes - cpu), originalNodes);
    }

    /** The error for an Edge TPU-compiled model opened without the Edge TPU delegate. */
    public static String compiledModelWithoutEdgeTpu(String model) {
        return "Model [" + model + "] is compiled for the Edge TPU (custom op " + CUSTOM_OP + ") but runs without"
                + " the Edge TPU delegate: pass --delegate edgetpu, or benchmark the model as it was before"
                + " edgetpu_compiler on the CPU.";
    }

    /** The warning for a model without the custom op run with the Edge TPU delegate; empty when there is one. */
    public static Optional<String> plainModelWarning(String model, int customOpNodes, int totalNodes) {
        if (customOpNodes > 0) {
            return Optional.empty();
        }
        return Optional.of("Model [" + model + "] has no " + CUSTOM_OP + " (not compiled with edgetpu_compiler):"
                + " nothing was delegated to the Edge TPU, all " + totalNodes + " ops ran on the CPU. Compile it with"
                + " edgetpu_compiler to use the Edge TPU.");
    }

    /** The --require-full-delegation failure: "CPU fallback detected: 3 of 41 ops not on the Edge TPU". */
    public static Optional<String> fullDelegationFailure(Delegation delegation) {
        if (delegation.isFull()) {
            return Optional.empty();
        }
        int cpu = delegation.totalNodes() - delegation.delegatedNodes();
        return Optional.of(
                "CPU fallback detected: " + cpu + " of " + delegation.totalNodes() + " ops not on the Edge TPU");
    }
}

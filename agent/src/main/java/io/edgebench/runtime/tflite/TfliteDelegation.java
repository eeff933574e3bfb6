package io.edgebench.runtime.tflite;

import io.edgebench.results.Delegation;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.Subgraph;
import org.bytedeco.tensorflowlite.TfLiteDelegateParams;
import org.bytedeco.tensorflowlite.TfLiteIntArray;

/**
 * Counts how much of the primary subgraph a delegate took. After delegation the execution plan holds delegate
 * kernels (registration builtin_code DELEGATE, e.g. "TfLiteXNNPackDelegate") plus the nodes left on the CPU. Each
 * delegate kernel's builtin_data is its TfLiteDelegateParams, whose nodes_to_replace lists the original nodes it took.
 * So: delegated = sum of nodes_to_replace, total = delegated + non-delegate nodes in the plan. For the plain CPU
 * kernels that is 0 of N. Control-flow subgraphs (WHILE/IF bodies) are not counted.
 */
final class TfliteDelegation {
    private static final int BUILTIN_DELEGATE = 51;

    private TfliteDelegation() {}

    static Delegation count(Interpreter interpreter) {
        Subgraph graph = interpreter.primary_subgraph();
        IntPointer plan = graph.execution_plan();
        long steps = plan.limit();
        int delegated = 0;
        int onCpu = 0;
        for (long i = 0; i < steps; i++) {
            RegistrationNodePair pair = graph.node_and_registration(plan.get(i));
            if (pair == null || pair.isNull()) {
                continue;
            }
            Pointer params = pair.first().builtin_data();
            if (pair.second().builtin_code() == BUILTIN_DELEGATE && params != null && !params.isNull()) {
                TfLiteIntArray replaced = new TfLiteDelegateParams(params).nodes_to_replace();
                delegated += replaced == null || replaced.isNull() ? 1 : replaced.size();
            } else {
                onCpu++;
            }
        }
        return new Delegation(delegated, delegated + onCpu);
    }
}

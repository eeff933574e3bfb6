package io.edgebench.model.forge;

import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.OpResolver;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * Test-only TFLite runner straight on bytedeco (until runtime.tflite lands): always verifies the flatbuffer first,
 * because unverified loading of a bad file crashes the JVM. Takes and returns real values (quantizes int8 I/O).
 */
final class TfliteProbe implements AutoCloseable {
    private final FlatBufferModel model;
    private final OpResolver resolver;
    private final Interpreter interpreter;

    TfliteProbe(Path file, boolean xnnpack, int threads) {
        model = FlatBufferModel.VerifyAndBuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw new IllegalStateException("TFLite rejected [" + file + "] at verification");
        }
        resolver = xnnpack ? new BuiltinOpResolver() : new BuiltinOpResolverWithoutDefaultDelegates();
        interpreter = new Interpreter((Pointer) null);
        InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
        builder.SetNumThreads(threads);
        int status = builder.apply(interpreter);
        if (status != 0 || interpreter.isNull()) {
            throw new IllegalStateException("InterpreterBuilder failed for [" + file + "]: status " + status);
        }
        status = interpreter.AllocateTensors();
        if (status != 0) {
            throw new IllegalStateException("AllocateTensors failed for [" + file + "]: status " + status);
        }
    }

    boolean int8Input() {
        return interpreter.input_tensor(0).type() == 9;
    }

    long nodes() {
        return interpreter.nodes_size();
    }


    float[] run(float[] input) {
        TfLiteTensor in = interpreter.input_tensor(0);
        if (in.type() == 9) {
            float scale = in.params().scale();
            int zp = in.params().zero_point();
            byte[] q = new byte[input.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = (byte) Math.max(-128, Math.min(127, Math.round(input[i] / scale) + zp));
            }
            interpreter.typed_input_tensor_byte(0).put(q);
        } else {
            interpreter.typed_input_tensor_float(0).put(input);
        }
        int status = interpreter.Invoke();
        if (status != 0) {
            throw new IllegalStateException("Invoke failed: status " + status);
        }
        TfLiteTensor out = interpreter.output_tensor(0);
        int n = (int) (out.bytes() / (out.type() == 9 ? 1 : 4));
        float[] result = new float[n];
        if (out.type() == 9) {
            byte[] q = new byte[n];
            interpreter.typed_output_tensor_byte(0).get(q);
            for (int i = 0; i < n; i++) {
                result[i] = out.params().scale() * (q[i] - out.params().zero_point());
            }
        } else {
            interpreter.typed_output_tensor_float(0).get(result);
        }
        return result;
    }

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        model.close();
    }
}

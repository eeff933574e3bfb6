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
        if (in.type() == 9 || in.type() == 3) {
            // int8 (9) or uint8 (3, the real Coral MobileNets)
            float scale = in.params().scale();
            int zp = in.params().zero_point();
            int lo = in.type() == 9 ? -128 : 0;
            byte[] q = new byte[input.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = (byte) Math.max(lo, Math.min(lo + 255, Math.round(input[i] / scale) + zp));
            }
            in.data().raw().capacity(q.length).put(q);
        } else {
            interpreter.typed_input_tensor_float(0).put(input);
        }
        int status = interpreter.Invoke();
        if (status != 0) {
            throw new IllegalStateException("Invoke failed: status " + status);
        }
        TfLiteTensor out = interpreter.output_tensor(0);
        boolean q8 = out.type() == 9 || out.type() == 3;
        int n = (int) (out.bytes() / (q8 ? 1 : 4));
        float[] result = new float[n];
        if (q8) {
            byte[] q = new byte[n];
            out.data().raw().capacity(n).get(q);
            for (int i = 0; i < n; i++) {
                int v = out.type() == 9 ? q[i] : q[i] & 0xff;
                result[i] = out.params().scale() * (v - out.params().zero_point());
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

package io.edgebench.runtime.tflite.edgetpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.results.Delegation;
import io.edgebench.results.EdgeTpuOptions;
import io.edgebench.testkit.SharedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.RegistrationNodePair;
import org.bytedeco.tensorflowlite.TfLiteDelegate;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the JNI shim into bytedeco's TFLite 2.21 interpreter: the stand-in libedgetpu's delegate
 * (a real TfLiteDelegate) takes the edgetpu-custom-op nodes, and runs complete with input-dependent outputs.
 */
@Timeout(120)
class EdgeTpuInterpreterTest {
    private static final Path SHARED = sharedModels();

    /** The shared models folder (testkit.SharedModels: one property, one lookup). */
    private static Path sharedModels() {
        SharedModels.present(); // says once when the folder is absent
        return SharedModels.dir();
    }

    /** Interpreter plus delegate, closed in the required order: interpreter first, then the delegate. */
    private record Run(
            FlatBufferModel model,
            Interpreter interpreter,
            EdgeTpuDelegate delegate,
            Delegation delegation,
            int customOps,
            int status)
            implements AutoCloseable {
        @Override
        public void close() {
            interpreter.close();
            delegate.close();
            model.close();
        }
    }

    private static Run open(Path file, EdgeTpuOptions options) {
        FlatBufferModel model = FlatBufferModel.VerifyAndBuildFromFile(file.toString());
        assertTrue(model != null && !model.isNull(), "model failed verification: " + file);
        Interpreter interpreter = new Interpreter((Pointer) null);
        assertEquals(
                0, new InterpreterBuilder(model, new BuiltinOpResolverWithoutDefaultDelegates()).apply(interpreter));
        int original = (int) interpreter.execution_plan().limit();
        int customOps = customOpNodes(interpreter);
        EdgeTpuDelegate delegate = StandIn.open().createDelegate(options);
        long raw = delegate.address(); // not named "address": it would shadow Pointer.address below (STACK.md)
        int status = interpreter.ModifyGraphWithDelegate(new TfLiteDelegate(new Pointer() {
            {
                address = raw;
            }
        }));
        return new Run(model, interpreter, delegate, delegation(interpreter, original), customOps, status);
    }

    /** Nodes in the execution plan whose registration is edgetpu_compiler's custom op (count before delegating). */
    private static int customOpNodes(Interpreter interpreter) {
        IntPointer plan = interpreter.execution_plan();
        int count = 0;
        for (long i = 0; i < plan.limit(); i++) {
            RegistrationNodePair pair = interpreter.node_and_registration(plan.get(i));
            BytePointer name = pair == null ? null : pair.second().custom_name();
            count += name != null && !name.isNull() && "edgetpu-custom-op".equals(name.getString()) ? 1 : 0;
        }
        return count;
    }

    /** After delegating: plan nodes without a delegate stayed on the CPU, the rest of {@code original} went. */
    private static Delegation delegation(Interpreter interpreter, int original) {
        IntPointer plan = interpreter.execution_plan();
        int cpu = 0;
        for (long i = 0; i < plan.limit(); i++) {
            RegistrationNodePair pair = interpreter.node_and_registration(plan.get(i));
            cpu += pair == null
                            || pair.first().delegate() == null
                            || pair.first().delegate().isNull()
                    ? 1
                    : 0;
        }
        return new Delegation(Math.max(0, original - cpu), original);
    }

    /** Raw bytes of a tensor (typed_*_tensor_byte is int8-only and returns null for uint8 tensors). */
    private static BytePointer bytes(TfLiteTensor tensor) {
        return new BytePointer(tensor.data().data()).capacity(tensor.bytes());
    }

    private static void fillInput(Run run, byte fill) {
        BytePointer in = bytes(run.interpreter().input_tensor(0));
        for (long i = 0; i < in.capacity(); i++) {
            in.put(i, fill);
        }
    }

    private static byte[] invoke(Run run, byte fill) {
        fillInput(run, fill);
        assertEquals(0, run.interpreter().Invoke());
        BytePointer outPtr = bytes(run.interpreter().output_tensor(0));
        byte[] out = new byte[(int) outPtr.capacity()];
        outPtr.get(out);
        return out;
    }

    private static int checksum(long bytes, int fill) {
        return (int) ((bytes * fill) % 251); // the stand-in kernel's output: sum of input bytes mod 251
    }

    @Test
    void forgedModel_fullyDelegated_runsWithInputDependentOutput(@TempDir Path dir) throws Exception {
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        Path model = CustomOpModels.write(dir.resolve("forged_edgetpu.tflite"), false);
        try (Run run = open(model, new EdgeTpuOptions("usb:0", "medium", false, 16))) {
            assertEquals(0, run.status());
            assertEquals(1, run.customOps());
            assertEquals(new Delegation(1, 1), run.delegation());
            assertEquals(0, run.interpreter().AllocateTensors());
            byte[] ones = invoke(run, (byte) 1);
            byte[] twos = invoke(run, (byte) 2);
            assertEquals(checksum(8 * 8 * 3, 1), Byte.toUnsignedInt(ones[0]));
            assertEquals(checksum(8 * 8 * 3, 2), Byte.toUnsignedInt(twos[9]));
        }
        assertEquals(
                List.of(
                        "create type=usb path=/sys/bus/usb/devices/2-1",
                        "option Performance=Medium",
                        "option Usb.AlwaysDfu=False",
                        "option Usb.MaxBulkInQueueLength=16",
                        "created=yes",
                        "prepare nodes=1 claimed=1",
                        "free path=/sys/bus/usb/devices/2-1"),
                StandIn.recorded());
    }

    @Test
    void forgedModel_withCpuTail_reportsPartialDelegation(@TempDir Path dir) throws Exception {
        StandIn.configure("pci:/dev/apex_0", null);
        Path model = CustomOpModels.write(dir.resolve("forged_partial_edgetpu.tflite"), true);
        try (Run run = open(model, EdgeTpuOptions.defaults())) {
            assertEquals(0, run.status());
            assertEquals(new Delegation(1, 2), run.delegation());
            assertEquals(0, run.interpreter().AllocateTensors());
            fillInput(run, (byte) 1);
            assertEquals(0, run.interpreter().Invoke());
            float[] out = new float[10];
            run.interpreter().typed_output_tensor_float(0).get(out);
            assertEquals((float) checksum(8 * 8 * 3, 1), out[3]); // CAST on the CPU after the delegate kernel
        }
    }

    @Test
    void compiledMobilenet_fullyDelegated_latencyMeasured() {
        Path model = SHARED.resolve("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
        assumeTrue(Files.isRegularFile(model), "../shared/models not present");
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        try (Run run = open(model, new EdgeTpuOptions("usb:0", "max", false, 0))) {
            assertEquals(0, run.status());
            assertEquals(new Delegation(1, 1), run.delegation());
            assertEquals(0, run.interpreter().AllocateTensors());
            byte[] out = invoke(run, (byte) 1);
            assertEquals(1001, out.length);
            assertEquals(checksum(128 * 128 * 3, 1), Byte.toUnsignedInt(out[1000]));
            long[] us = new long[200];
            for (int i = 0; i < us.length; i++) {
                long t = System.nanoTime();
                assertEquals(0, run.interpreter().Invoke());
                us[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(us);
            assertTrue(us[us.length / 2] > 0);
            System.out.println("edgetpu stand-in mobilenet_v1_0.25_128_quant_edgetpu: median " + us[us.length / 2]
                    + " us, p99 " + us[us.length * 99 / 100] + " us over 200 invokes");
        }
        assertTrue(
                StandIn.recorded().contains("prepare nodes=1 claimed=1"),
                StandIn.recorded().toString());
    }

    @Test
    void compiledModel_withoutDelegate_failsToAllocate() {
        Path model = SHARED.resolve("mobilenet_v1_0.25_128_quant_edgetpu.tflite");
        assumeTrue(Files.isRegularFile(model), "../shared/models not present");
        try (FlatBufferModel fb = FlatBufferModel.VerifyAndBuildFromFile(model.toString());
                Interpreter interpreter = new Interpreter((Pointer) null)) {
            assertEquals(
                    0, new InterpreterBuilder(fb, new BuiltinOpResolverWithoutDefaultDelegates()).apply(interpreter));
            assertEquals(1, customOpNodes(interpreter));
            assertNotEquals(0, interpreter.AllocateTensors());
        }
    }

    @Test
    void plainModel_withDelegate_nothingDelegated() {
        Path model = SHARED.resolve("mobilenet_v1_0.25_128_quant.tflite");
        assumeTrue(Files.isRegularFile(model), "../shared/models not present");
        StandIn.configure("usb:/sys/bus/usb/devices/2-1", null);
        try (Run run = open(model, EdgeTpuOptions.defaults())) {
            assertEquals(0, run.status());
            assertEquals(0, run.customOps());
            assertEquals(new Delegation(0, 31), run.delegation());
            assertEquals(0, run.interpreter().AllocateTensors());
            assertEquals(0, run.interpreter().Invoke());
        }
        assertTrue(
                StandIn.recorded().contains("prepare nodes=31 claimed=0"),
                StandIn.recorded().toString());
    }
}

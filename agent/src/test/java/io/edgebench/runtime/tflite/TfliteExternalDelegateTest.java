package io.edgebench.runtime.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.ModelLoadException;
import io.edgebench.model.tflite.TinyTfliteModels;
import io.edgebench.model.tflite.TinyTfliteModels.Spec;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.AcceleratorUnavailableException;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.tensorflowlite.TfLiteContext;
import org.bytedeco.tensorflowlite.TfLiteDelegate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Edge TPU seam with a stand-in delegate written in Java: a raw TfLiteDelegate* address goes in, the session must
 * apply it (Prepare is called: a wrongly wrapped pointer would be null and never prepared) and close its owner.
 */
@Timeout(60)
class TfliteExternalDelegateTest {
    private static final SessionOptions TPU = SessionOptions.of(RuntimeKind.TFLITE, Delegate.EDGETPU, 1);

    @TempDir
    Path dir;

    private final AtomicInteger prepared = new AtomicInteger();
    private final AtomicInteger ownerClosed = new AtomicInteger();
    private TfLiteDelegate delegate;
    private Prepare prepare;

    /** Claims no nodes: the graph stays on the CPU kernels. */
    private final class Prepare extends TfLiteDelegate.Prepare_TfLiteContext_TfLiteDelegate {
        @Override
        public int call(TfLiteContext context, TfLiteDelegate self) {
            prepared.incrementAndGet();
            return 0;
        }
    }

    @BeforeEach
    void createDelegate() {
        prepare = new Prepare();
        delegate = new TfLiteDelegate();
        delegate.Prepare(prepare).flags(0);
    }

    @AfterEach
    void freeDelegate() {
        delegate.close();
    }

    private TfliteRuntime runtimeWithStandIn() {
        return new TfliteRuntime(
                options -> new ExternalDelegate(delegate.address(), ownerClosed::incrementAndGet, "edgetpu"));
    }

    @Test
    void externalDelegate_isApplied_andItsOwnerClosedOnce() throws Exception {
        Path model = TinyTfliteModels.write(dir, "add.tflite", Spec.addFloat());
        ModelSession session = runtimeWithStandIn().open(model, TPU);
        assertEquals(1, prepared.get());
        assertEquals(Delegate.EDGETPU, session.delegate());
        assertEquals(0, session.delegation().delegatedNodes());
        assertEquals(1, session.delegation().totalNodes());
        session.setInput(0, new float[] {1, 2, 3, 4});
        session.run();
        assertEquals(8f, session.output(0)[3]);
        assertEquals(0, ownerClosed.get());
        session.close();
        session.close();
        assertEquals(1, ownerClosed.get());
    }

    @Test
    void failedOpen_stillClosesTheDelegateOwner() throws Exception {
        Path model = TinyTfliteModels.write(dir, "m_edgetpu.tflite", Spec.custom("edgetpu-custom-op"));
        ModelLoadException e = assertThrows(
                ModelLoadException.class, () -> runtimeWithStandIn().open(model, TPU));
        assertTrue(e.getMessage().contains("unresolved custom op: edgetpu-custom-op"), e.getMessage());
        assertEquals(1, ownerClosed.get());
    }

    @Test
    void delegateFactoryFailure_propagatesUnchanged() throws Exception {
        Path model = TinyTfliteModels.write(dir, "add.tflite", Spec.addFloat());
        TfliteRuntime noDevice = new TfliteRuntime(options -> {
            throw new AcceleratorUnavailableException("no Edge TPU attached");
        });
        assertEquals(
                "no Edge TPU attached",
                assertThrows(AcceleratorUnavailableException.class, () -> noDevice.open(model, TPU))
                        .getMessage());
    }

    @Test
    void requireFullDelegation_reportsFallbackOnTheEdgetpu() throws Exception {
        Path model = TinyTfliteModels.write(dir, "add.tflite", Spec.addFloat());
        SessionOptions strict = new SessionOptions(RuntimeKind.TFLITE, Delegate.EDGETPU, 1, true, null, null, true);
        ModelLoadException e = assertThrows(
                ModelLoadException.class, () -> runtimeWithStandIn().open(model, strict));
        assertTrue(e.getMessage().contains("CPU fallback detected: 1 of 1 ops not on the Edge TPU"), e.getMessage());
        assertFalse(ownerClosed.get() == 0);
    }
}

package io.edgebench.runtime.tflite.edgetpu;

import io.edgebench.results.EdgeTpuInfo;

/**
 * One libedgetpu delegate (a {@code TfLiteDelegate*} from edgetpu_create_delegate) and the device it holds open.
 * The TFLite session hands {@link #address()} to Interpreter.ModifyGraphWithDelegate and must close this only
 * after the interpreter: the interpreter keeps calling into the delegate until it is destroyed.
 * close() is idempotent; address() after close throws.
 */
public final class EdgeTpuDelegate implements AutoCloseable {
    private final EdgeTpuLibrary library;
    private final EdgeTpuInfo info;
    private long address;

    EdgeTpuDelegate(EdgeTpuLibrary library, long address, EdgeTpuInfo info) {
        this.library = library;
        this.address = address;
        this.info = info;
    }

    /** The raw TfLiteDelegate* for the interpreter. */
    public synchronized long address() {
        if (address == 0) {
            throw new IllegalStateException("EdgeTpuDelegate is closed");
        }
        return address;
    }

    /** Device, performance and libedgetpu version, for the result's "edgetpu" object. */
    public EdgeTpuInfo info() {
        return info;
    }

    public EdgeTpuLibrary library() {
        return library;
    }

    @Override
    public synchronized void close() {
        if (address != 0) {
            long freeing = address;
            address = 0;
            library.free(freeing);
        }
    }
}

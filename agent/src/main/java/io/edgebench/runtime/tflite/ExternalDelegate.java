package io.edgebench.runtime.tflite;

import java.util.Objects;

/**
 * A {@code TfLiteDelegate*} created outside bytedeco (the Edge TPU JNI shim) and the object that frees it. The session
 * applies it with Interpreter.ModifyGraphWithDelegate and closes the owner after the interpreter, before the model.
 *
 * @param address raw native address of the TfLiteDelegate, non-zero
 * @param owner frees the delegate; called exactly once by the session
 * @param name shown in messages, e.g. "edgetpu"
 */
record ExternalDelegate(long address, AutoCloseable owner, String name) {
    ExternalDelegate {
        if (address == 0) {
            throw new IllegalArgumentException("external delegate [" + name + "] address must be non-zero");
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
    }
}

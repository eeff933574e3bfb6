package io.edgebench.runtime.tflite.edgetpu;

/** Thrown by the JNI shim (native/edgebench_jni.c) with the native reason; wrapped before it reaches users. */
final class EdgeTpuNativeException extends RuntimeException {
    EdgeTpuNativeException(String message) {
        super(message);
    }
}

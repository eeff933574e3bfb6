package io.edgebench.runtime.tflite.edgetpu;

/**
 * The JNI shim's entry points (native/edgebench_jni.c). Callers must have run {@link NativeLoader#ensureLoaded()}.
 * Handles are raw addresses; EdgeTpuLibrary owns the library handle and EdgeTpuDelegate owns each delegate.
 * Failures throw {@link EdgeTpuNativeException}.
 */
final class EdgeTpuNative {
    private EdgeTpuNative() {}

    /** dlopen()s the library at {@code libraryPath} and resolves libedgetpu's C API; returns the handle. */
    static native long open(String libraryPath);

    /** edgetpu_version(): the runtime's version string. */
    static native String version(long lib);

    /** edgetpu_list_devices(): pairs of type ("usb", "pci" or "unknown:N") and path, in enumeration order. */
    static native String[] listDevices(long lib);

    /**
     * edgetpu_create_delegate(): returns a TfLiteDelegate* or 0 when libedgetpu could not open the device.
     *
     * @param type 0 = PCIe, 1 = USB (libedgetpu's enum edgetpu_device_type)
     * @param path the device path from listDevices, or null for the first device of that type
     */
    static native long createDelegate(long lib, int type, String path, String[] optionNames, String[] optionValues);

    /** edgetpu_free_delegate(). Only after every interpreter using the delegate is gone. */
    static native void freeDelegate(long lib, long delegate);

    /** edgetpu_verbosity(0..10); false when the library lacks the call. */
    static native boolean setVerbosity(long lib, int level);

    /** The os-arch the loaded shim was compiled for, e.g. "linux-x86_64". */
    static native String abi();
}

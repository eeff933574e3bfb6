package io.edgebench.runtime.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.tensorflowlite.ErrorReporter;
import org.bytedeco.tensorflowlite.Init_Pointer_TfLiteOpaqueContext_BytePointer_long;
import org.bytedeco.tensorflowlite.Reporter_Pointer_BytePointer_Pointer;
import org.bytedeco.tensorflowlite.TfLiteOpaqueContext;

/**
 * A C++ {@code tflite::ErrorReporter} whose messages land in Java, so TFLite's own error text ("Encountered unresolved
 * custom op: X", "failed to prepare") reaches the user instead of the daemon's stderr.
 *
 * <p>Why this shape: bytedeco maps ErrorReporter as a plain pointer (no virtual callbacks), so a Java subclass cannot
 * override {@code Report}. Instead each capture is a hand-made C++ object: one word holding a vtable pointer, the
 * vtable's {@code Report(const char*, va_list)} slot (Itanium ABI: slot 2 after the two destructors) pointing at one
 * shared JavaCPP callback. The callback gets {@code this}, the format and a pointer to the va_list, and formats it with
 * libc's {@code vsnprintf} called through a JavaCPP function-pointer class of the same register shape. The va_list is
 * only used when its layout checks out (x86_64 tag or AArch64 struct); otherwise the raw format string is kept.
 * Nothing deletes the reporter through its vtable: TFLite only borrows it (the destructor slots stay null).
 */
final class TfliteErrorCapture implements AutoCloseable {
    private static final int MAX_MESSAGES = 32;
    private static final int MAX_MESSAGE_BYTES = 2048;
    private static final Map<Long, TfliteErrorCapture> BY_ADDRESS = new ConcurrentHashMap<>();

    private final PointerPointer<?> object = new PointerPointer<>(1);
    private final ErrorReporter reporter;
    private final List<String> messages = new ArrayList<>();
    private boolean closed;

    TfliteErrorCapture() {
        object.put(0, Native.VTABLE_POINT);
        reporter = new ErrorReporter(object);
        BY_ADDRESS.put(object.address(), this);
    }

    /** The C++ reporter to hand to TFLite; valid until close(). */
    ErrorReporter reporter() {
        return reporter;
    }

    /** Messages reported since the last drain, joined with "; ", or "" when TFLite said nothing. */
    synchronized String drain() {
        String text = String.join("; ", messages);
        messages.clear();
        return text;
    }

    private synchronized void add(String message) {
        if (messages.size() < MAX_MESSAGES) {
            messages.add(message.strip());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        BY_ADDRESS.remove(object.address());
        object.close();
    }

    /** The one callback and vtable shared by every capture (JavaCPP allows only a few callback instances). */
    private static final class Native {
        static final Callback CALLBACK = new Callback();
        static final PointerPointer<?> VTABLE = new PointerPointer<>(4);
        static final Pointer VTABLE_POINT;
        /** libc's vsnprintf(char*, size_t, const char*, va_list) through a class with the same 4-register shape. */
        static final Init_Pointer_TfLiteOpaqueContext_BytePointer_long VSNPRINTF;

        static final ThreadLocal<BytePointer> BUFFER =
                ThreadLocal.withInitial(() -> new BytePointer(MAX_MESSAGE_BYTES));

        static {
            // JavaCPP's function-pointer object starts with the C function pointer itself.
            Pointer thunk = new PointerPointer<>(CALLBACK).get(0);
            VTABLE.put(0, (Pointer) null).put(1, (Pointer) null).put(2, thunk).put(3, (Pointer) null);
            VTABLE_POINT = VTABLE;
            Pointer vsnprintf = Loader.addressof("vsnprintf");
            VSNPRINTF = vsnprintf == null || vsnprintf.isNull()
                    ? null
                    : new Init_Pointer_TfLiteOpaqueContext_BytePointer_long(new PointerPointer<>(4).put(0, vsnprintf));
        }
    }

    private static final class Callback extends Reporter_Pointer_BytePointer_Pointer {
        @Override
        public void call(Pointer self, BytePointer format, Pointer vaList) {
            try {
                TfliteErrorCapture capture = self == null ? null : BY_ADDRESS.get(self.address());
                if (capture != null && format != null && !format.isNull()) {
                    capture.add(format(format, vaList));
                }
            } catch (RuntimeException | Error e) {
                // Never let a Java exception unwind into TFLite's C++ frames.
            }
        }
    }

    /**
     * Wraps a raw native address without allocating. The parameter must not be called {@code address}: inside the
     * anonymous subclass that name means Pointer's field, and the wrapper would silently stay null.
     */
    static Pointer pointerAt(long target) {
        return new Pointer() {
            {
                address = target;
            }
        };
    }

    static String format(BytePointer format, Pointer vaList) {
        long va = vaList == null ? 0 : VaList.usable(vaList.address());
        if (va == 0 || Native.VSNPRINTF == null) {
            return format.getString(StandardCharsets.UTF_8);
        }
        BytePointer buffer = Native.BUFFER.get();
        Pointer size = pointerAt(MAX_MESSAGE_BYTES);
        buffer.put(0, (byte) 0);
        Native.VSNPRINTF.call(buffer, new TfLiteOpaqueContext(size), format, va);
        byte[] bytes = new byte[MAX_MESSAGE_BYTES];
        buffer.get(bytes);
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /** Recognises the va_list layouts of the two ABIs we ship, so vsnprintf never sees a bogus one. */
    static final class VaList {
        private static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        private static final long NEAR_BYTES = 1 << 20;

        private VaList() {}

        /** The value to pass as vsnprintf's va_list argument, or 0 when the layout is not recognised. */
        static long usable(long address) {
            if (address == 0) {
                return 0;
            }
            if (looksLikeVaList(address)) {
                return address;
            }
            // JavaCPP may hand us the address of a variable holding the va_list (x86_64: a __va_list_tag*).
            long inner = new LongPointer(pointerAt(address)).get(0);
            boolean nearby = inner != 0 && Math.abs(inner - address) < NEAR_BYTES;
            return nearby && looksLikeVaList(inner) ? inner : 0;
        }

        private static boolean looksLikeVaList(long address) {
            ByteBuffer b = new BytePointer(pointerAt(address))
                    .capacity(32)
                    .asByteBuffer()
                    .order(ByteOrder.nativeOrder());
            if (ARCH.equals("amd64") || ARCH.equals("x86_64")) {
                // struct __va_list_tag { unsigned gp_offset (0..48), fp_offset (48..304); void* overflow; void* save; }
                int gp = b.getInt(0);
                int fp = b.getInt(4);
                return gp >= 0 && gp <= 48 && gp % 8 == 0 && fp >= 48 && fp <= 304 && fp % 16 == 0;
            }
            if (ARCH.equals("aarch64") || ARCH.equals("arm64")) {
                // struct { void* stack; void* gr_top; void* vr_top; int gr_offs (-64..0); int vr_offs (-128..0); }
                int gr = b.getInt(24);
                int vr = b.getInt(28);
                return gr <= 0
                        && gr >= -64
                        && gr % 8 == 0
                        && vr <= 0
                        && vr >= -128
                        && vr % 16 == 0
                        && b.getLong(8) != 0;
            }
            return false;
        }
    }
}

package io.edgebench.model.tflite;

import com.google.flatbuffers.Table;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A flatbuffer table read by field index (schema order), with every vector length checked against the buffer so a
 * corrupt file cannot make a loop run for billions of iterations. Out-of-range offsets surface as runtime exceptions
 * from ByteBuffer, which TfliteModelReader turns into a ModelLoadException.
 */
final class FbTable extends Table {
    private FbTable(int position, ByteBuffer buffer) {
        __reset(position, buffer);
    }

    /** The root table of a finished buffer. */
    static FbTable root(ByteBuffer buffer) {
        return new FbTable(buffer.getInt(buffer.position()) + buffer.position(), buffer);
    }

    private int field(int index) {
        return __offset(4 + 2 * index);
    }

    boolean has(int index) {
        return field(index) != 0;
    }

    long uint(int index, long fallback) {
        int o = field(index);
        return o == 0 ? fallback : bb.getInt(o + bb_pos) & 0xffffffffL;
    }

    int int32(int index, int fallback) {
        int o = field(index);
        return o == 0 ? fallback : bb.getInt(o + bb_pos);
    }

    int byte8(int index, int fallback) {
        int o = field(index);
        return o == 0 ? fallback : bb.get(o + bb_pos);
    }

    /** A string field; its length is checked before any allocation (a corrupt length must not exhaust the heap). */
    String string(int index) {
        int o = field(index);
        if (o == 0) {
            return null;
        }
        int start = o + bb_pos;
        start += bb.getInt(start);
        int length = bb.getInt(start);
        if (length < 0 || start + 4L + length > bb.limit()) {
            throw new IllegalArgumentException("string of " + length + " bytes runs past the end of the file");
        }
        byte[] bytes = new byte[length];
        bb.get(start + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    FbTable table(int index) {
        int o = field(index);
        return o == 0 ? null : new FbTable(__indirect(o + bb_pos), bb);
    }

    /** Length of the vector in field {@code index} (0 when absent), checked to fit in the buffer. */
    int length(int index, int elementBytes) {
        int o = field(index);
        if (o == 0) {
            return 0;
        }
        int n = __vector_len(o);
        long end = (long) __vector(o) + (long) n * elementBytes;
        if (n < 0 || end > bb.limit()) {
            throw new IllegalArgumentException("vector of " + n + " elements runs past the end of the file");
        }
        return n;
    }

    FbTable tableAt(int index, int i) {
        int o = field(index);
        return new FbTable(__indirect(__vector(o) + i * 4), bb);
    }

    int intAt(int index, int i) {
        return bb.getInt(__vector(field(index)) + i * 4);
    }

    long longAt(int index, int i) {
        return bb.getLong(__vector(field(index)) + i * 8);
    }

    float floatAt(int index, int i) {
        return bb.getFloat(__vector(field(index)) + i * 4);
    }
}

package io.edgebench.inputs;

import io.edgebench.model.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numpy {@code .npy} array (format versions 1-3): the magic {@code \x93NUMPY}, a version, a header length, a
 * Python dict literal with {@code descr}, {@code fortran_order} and {@code shape}, then the raw elements.
 * Little-endian or byte-order-free types only (what numpy writes on every common machine).
 *
 * @param descr numpy's type string as written, e.g. "<f4"
 * @param dtype the matching tensor type, or null when no tensor type matches (e.g. float64)
 * @param data the elements, little-endian
 */
public record NpyArray(String descr, DType dtype, List<Long> shape, ByteBuffer data) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public NpyArray {
        shape = List.copyOf(shape);
    }

    /** Parses {@code bytes}; {@code what} names the input and file in errors. */
    public static NpyArray parse(String what, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length < 10 || bytes[i] != MAGIC[i]) {
                throw new InputException(what + " is not a .npy file (no \\x93NUMPY magic); write it with numpy.save");
            }
        }
        int major = bytes[6];
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(b.getShort(8));
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLen = b.getInt(8);
            offset = 12;
        } else {
            throw new InputException(what + " has .npy format version [" + major + "]; versions 1 to 3 are read");
        }
        if (headerLen < 0 || offset + headerLen > bytes.length) {
            throw new InputException(what + " has a truncated .npy header");
        }
        String header = new String(bytes, offset, headerLen, StandardCharsets.ISO_8859_1);
        String descr = group(what, DESCR, header, "descr");
        if ("True".equals(group(what, FORTRAN, header, "fortran_order"))) {
            throw new InputException(what + " is stored in Fortran (column-major) order; save a C-ordered array:"
                    + " numpy.save(f, numpy.ascontiguousarray(a))");
        }
        List<Long> shape = new ArrayList<>();
        for (String d : group(what, SHAPE, header, "shape").split(",")) {
            if (!d.isBlank()) {
                shape.add(Long.parseLong(d.trim()));
            }
        }
        DType dtype = dtype(descr);
        ByteBuffer data = ByteBuffer.wrap(bytes, offset + headerLen, bytes.length - offset - headerLen)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        long elements;
        int size = elementSize(descr);
        try {
            // exact: a header claiming 2^40 x 2^40 elements must not wrap around to the data's length
            elements = shape.stream().reduce(1L, Math::multiplyExact);
            Math.multiplyExact(elements, Math.max(1, size));
        } catch (ArithmeticException e) {
            throw new InputException(what + " declares shape " + shape + ", more elements than any array holds");
        }
        if (shape.stream().anyMatch(d -> d < 0)) {
            throw new InputException(what + " declares shape " + shape + " with a negative dimension");
        }
        if (size > 0 && data.remaining() != elements * size) {
            throw new InputException(what + " declares shape " + shape + " of " + descr + " (" + elements * size
                    + " bytes) but holds " + data.remaining() + " bytes of data");
        }
        return new NpyArray(descr, dtype, shape, data);
    }

    private static String group(String what, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InputException(what + " has a .npy header without '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    /** numpy type strings to tensor types; '|' and '<' are byte-order-free and little-endian. */
    static DType dtype(String descr) {
        return switch (descr.replace('|', '<')) {
            case "<f4" -> DType.FLOAT32;
            case "<f2" -> DType.FLOAT16;
            case "<u1" -> DType.UINT8;
            case "<i1" -> DType.INT8;
            case "<i2" -> DType.INT16;
            case "<i4" -> DType.INT32;
            case "<i8" -> DType.INT64;
            case "<b1" -> DType.BOOL;
            default -> null;
        };
    }

    private static int elementSize(String descr) {
        String digits = descr.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    /** The numpy type string of a tensor type, for hints ("astype(numpy.float32)"). */
    static String numpyName(DType t) {
        return switch (t) {
            case FLOAT32 -> "float32";
            case FLOAT16 -> "float16";
            case UINT8 -> "uint8";
            case INT8 -> "int8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool_";
            default -> t.id();
        };
    }
}

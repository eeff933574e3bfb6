package io.edgebench.telemetry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A small text attribute (sysfs, procfs) kept open and re-read from offset 0 on every sample: sysfs and seq_file
 * regenerate their content on a read at offset 0, so this costs one pread and no allocation per sample.
 * Used by the sampler thread only.
 */
public final class SysfsFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;

    private SysfsFile(Path path, int capacity) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.buffer = ByteBuffer.allocate(capacity);
    }

    public static SysfsFile open(Path path) throws IOException {
        return new SysfsFile(path, 64);
    }

    public static SysfsFile open(Path path, int capacity) throws IOException {
        return new SysfsFile(path, capacity);
    }

    public Path path() {
        return path;
    }

    /** Reads the content into the internal buffer; returns the number of bytes. */
    public int load() throws IOException {
        buffer.clear();
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, total);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        if (total == 0) {
            throw new IOException(path + " is empty");
        }
        return total;
    }

    /** Reads a decimal integer (optionally signed) from the start of the file. */
    public long readLong() throws IOException {
        load();
        return parseLong(buffer.array(), 0, buffer.position(), 10);
    }

    /** Reads a hexadecimal integer, with or without 0x, from the start of the file. */
    public long readHex() throws IOException {
        int n = load();
        byte[] b = buffer.array();
        int from = (n > 1 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X')) ? 2 : 0;
        return parseLong(b, from, n, 16);
    }

    /** The raw bytes of the last {@link #load()}; valid until the next load. */
    public byte[] bytes() {
        return buffer.array();
    }

    long parseLong(byte[] b, int from, int to, int radix) throws IOException {
        int i = from;
        while (i < to && b[i] == ' ') {
            i++;
        }
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < to; i++) {
            int d = Character.digit(b[i], radix);
            if (d < 0) {
                break;
            }
            value = value * radix + d;
            digits++;
        }
        if (digits == 0) {
            String text = new String(b, from, Math.min(to - from, 32), StandardCharsets.US_ASCII).trim();
            throw new IOException(path + " holds [" + text + "], expected a number");
        }
        return negative ? -value : value;
    }

    /** Reads a whole small file as trimmed text (discovery time only, never per sample). */
    public static String readText(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only sysfs descriptor cannot lose data
        }
    }
}

package io.edgebench.model.forge;

import java.util.Locale;
import java.util.Objects;

/**
 * What to forge. {@link #of} fills in the arch's default resolution and class count.
 *
 * @param widthMultiplier channel multiplier (MobileNet's alpha), 0.1..4
 * @param resolution input height and width in pixels, 8..1024
 * @param classes classifier outputs, 2..10000
 */
public record ForgeSpec(Arch arch, double widthMultiplier, int resolution, int classes, Quantize quantize, long seed) {

    /** Weight and activation precision of the written pair. */
    public enum Quantize {
        NONE,
        INT8;

        public static Quantize parse(String value) {
            for (Quantize q : values()) {
                if (q.name().equalsIgnoreCase(value)) {
                    return q;
                }
            }
            throw new IllegalArgumentException("quantize [" + value + "] must be one of none, int8");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ForgeSpec {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(quantize, "quantize");
        if (!(widthMultiplier >= 0.1 && widthMultiplier <= 4)) {
            throw new IllegalArgumentException("width_multiplier [" + widthMultiplier + "] must be 0.1..4");
        }
        if (resolution < 8 || resolution > 1024) {
            throw new IllegalArgumentException("resolution [" + resolution + "] must be 8..1024 pixels");
        }
        if (classes < 2 || classes > 10_000) {
            throw new IllegalArgumentException("classes [" + classes + "] must be 2..10000");
        }
    }

    /** A spec with the arch's default resolution and classes where those are null. */
    public static ForgeSpec of(
            Arch arch, double widthMultiplier, Integer resolution, Integer classes, Quantize quantize, long seed) {
        return new ForgeSpec(
                arch,
                widthMultiplier,
                resolution == null ? arch.defaultResolution() : resolution,
                classes == null ? arch.defaultClasses() : classes,
                quantize,
                seed);
    }

    /** The default test fixture: tiny, float, seed 1. */
    public static ForgeSpec tiny() {
        return of(Arch.TINY, 1.0, null, null, Quantize.NONE, 1);
    }

    /** The same network with other precision. */
    public ForgeSpec withQuantize(Quantize q) {
        return new ForgeSpec(arch, widthMultiplier, resolution, classes, q, seed);
    }

    /** File stem: e.g. tiny_f32, mobilenet_v2_1.0_224_int8; non-default classes or seed are appended. */
    public String name() {
        StringBuilder s = new StringBuilder(arch.id().replace('-', '_'));
        boolean small = arch == Arch.TINY || arch == Arch.SEG;
        if (!small || widthMultiplier != 1.0 || resolution != arch.defaultResolution()) {
            s.append('_').append(formatMultiplier()).append('_').append(resolution);
        }
        if (classes != arch.defaultClasses()) {
            s.append("_c").append(classes);
        }
        if (seed != 1) {
            s.append("_s").append(seed);
        }
        return s.append(quantize == Quantize.NONE ? "_f32" : "_int8").toString();
    }

    String formatMultiplier() {
        String v = Double.toString(widthMultiplier);
        return v.endsWith(".0") && v.length() > 3 ? v.substring(0, v.length() - 2) : v;
    }
}

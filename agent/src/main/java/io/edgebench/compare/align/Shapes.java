package io.edgebench.compare.align;

import java.util.ArrayList;
import java.util.List;

/** Shape arithmetic for aligning outputs: permutations between layouts, concatenation, moving values. */
final class Shapes {
    private Shapes() {}

    static String text(List<Long> shape) {
        List<String> d = new ArrayList<>();
        shape.forEach(v -> d.add(Long.toString(v)));
        return "[" + String.join(",", d) + "]";
    }

    static long elements(List<Long> shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * The permutation p with {@code to[i] == from[p[i]]} that moves the fewest axes (fewest inversions: NCHW to NHWC
     * is (0,2,3,1), not (0,3,2,1) even when H == W), or null when {@code from} is not a permutation of {@code to}.
     * Identity is returned as null too: nothing to transpose.
     */
    static int[] permutation(List<Long> from, List<Long> to) {
        if (from.size() != to.size() || from.size() > 6 || from.equals(to)) {
            return null;
        }
        int[] best = null;
        int bestInversions = Integer.MAX_VALUE;
        for (int[] p : permutations(from.size())) {
            boolean fits = true;
            for (int i = 0; i < p.length && fits; i++) {
                fits = from.get(p[i]).equals(to.get(i));
            }
            int inv = inversions(p);
            if (fits && inv > 0 && inv < bestInversions) {
                best = p;
                bestInversions = inv;
            }
        }
        return best;
    }

    /** Values of a tensor of shape {@code from} rearranged so that out[i0..] = in[i_p0..] (see permutation). */
    static float[] permute(float[] in, List<Long> from, int[] p) {
        int rank = from.size();
        int[] dims = new int[rank];
        long[] strides = new long[rank];
        long s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            dims[i] = (int) (long) from.get(i);
            strides[i] = s;
            s *= dims[i];
        }
        int[] outDims = new int[rank];
        long[] srcStride = new long[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = dims[p[i]];
            srcStride[i] = strides[p[i]];
        }
        float[] out = new float[in.length];
        int[] idx = new int[rank];
        for (int o = 0; o < out.length; o++) {
            long src = 0;
            for (int i = 0; i < rank; i++) {
                src += idx[i] * srcStride[i];
            }
            out[o] = in[(int) src];
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < outDims[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return out;
    }

    /** The first axis where the parts' shapes differ (0 when they are all equal), or -1 when ranks differ. */
    static int concatAxis(List<List<Long>> shapes) {
        int rank = shapes.get(0).size();
        if (shapes.stream().anyMatch(s -> s.size() != rank)) {
            return -1;
        }
        for (int d = 0; d < rank; d++) {
            final int axis = d;
            if (shapes.stream().anyMatch(s -> !s.get(axis).equals(shapes.get(0).get(axis)))) {
                return d;
            }
        }
        return 0;
    }

    /** The shape of the parts concatenated along {@code axis}, or null when other axes differ. */
    static List<Long> concatShape(List<List<Long>> shapes, int axis) {
        List<Long> out = new ArrayList<>(shapes.get(0));
        long sum = 0;
        for (List<Long> s : shapes) {
            for (int d = 0; d < s.size(); d++) {
                if (d != axis && !s.get(d).equals(out.get(d))) {
                    return null;
                }
            }
            sum += s.get(axis);
        }
        out.set(axis, sum);
        return out;
    }

    /** Concatenates row-major tensors along {@code axis}. */
    static float[] concat(List<float[]> parts, List<List<Long>> shapes, int axis) {
        long outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shapes.get(0).get(d);
        }
        int total = parts.stream().mapToInt(a -> a.length).sum();
        float[] out = new float[total];
        int at = 0;
        for (long o = 0; o < outer; o++) {
            for (int k = 0; k < parts.size(); k++) {
                int block = (int) (parts.get(k).length / outer);
                System.arraycopy(parts.get(k), (int) (o * block), out, at, block);
                at += block;
            }
        }
        return out;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[k] = i;
                permute(cur, used, k + 1, out);
                used[i] = false;
            }
        }
    }

    private static int inversions(int[] p) {
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = i + 1; j < p.length; j++) {
                n += p[i] > p[j] ? 1 : 0;
            }
        }
        return n;
    }
}

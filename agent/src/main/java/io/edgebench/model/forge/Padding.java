package io.edgebench.model.forge;

/**
 * TensorFlow's SAME padding for one spatial axis, made explicit for ONNX. With stride 2 on an even input TF pads
 * one more at the end than at the start; ONNX needs that asymmetry spelled out in pads=[top,left,bottom,right].
 */
record Padding(int before, int after, int outSize) {

    static Padding same(int inSize, int kernel, int stride) {
        int out = (inSize + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + kernel - inSize, 0);
        return new Padding(total / 2, total - total / 2, out);
    }
}

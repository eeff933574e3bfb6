package io.edgebench.results;

import io.edgebench.stats.RatioEstimate;

/**
 * The verdict on one pair of lanes: how many times faster {@code a} is than {@code b} at p50 (p50 of b / p50 of
 * a, with its interval over worker processes and its outcome), the same for energy per inference when both lanes measured it, and the sentence.
 *
 * @param a index of the first lane (0-based, as in lanes)
 * @param speedup p50(b) / p50(a): above 1, a is faster; null with fewer than two paired rounds (the text says so)
 * @param energyRatio energy per inference of b / of a: above 1, a uses less; null without power measurement
 * @param text e.g. "tflite:xnnpack is 1.84x faster than onnx:cpu at p50 (95 % CI 1.79-1.90)"
 * @param energyText the energy sentence, null without power measurement
 * @param temperature lane b's rise over idle minus lane a's, with its interval; null without heat blocks
 * @param temperatureText the temperature sentence, null without heat blocks
 */
public record PairVerdict(
        int a,
        int b,
        RatioEstimate speedup,
        RatioEstimate energyRatio,
        String text,
        String energyText,
        TemperatureDifference temperature,
        String temperatureText) {
    /** Without a temperature verdict. */
    public PairVerdict(int a, int b, RatioEstimate speedup, RatioEstimate energyRatio, String text, String energyText) {
        this(a, b, speedup, energyRatio, text, energyText, null, null);
    }

    /** The same verdict with the temperature one beside it. */
    public PairVerdict withTemperature(TemperatureDifference t, String sentence) {
        return new PairVerdict(a, b, speedup, energyRatio, text, energyText, t, sentence);
    }
}

package io.edgebench.compare;

import io.edgebench.results.BenchResult;
import io.edgebench.results.CompareReport;
import io.edgebench.results.InputSource;
import io.edgebench.results.InputUse;
import java.util.List;

/** How a labelled set's pixels became the model's input, in words, from what the first lane recorded feeding. */
final class Normalization {
    private Normalization() {}

    /** "(p - 127.5) / 127.5 per channel, NHWC, resized (bilinear) to the input when its size differs". */
    static String of(List<CompareReport.AgreementSample> samples) {
        if (samples == null || samples.isEmpty()) {
            return "not recorded (no lane fed the images)";
        }
        for (BenchResult.InputShape in : samples.get(0).inputs()) {
            InputUse u = in.source();
            if (u != null && u.mean() != null && u.std() != null) {
                return "(p - " + InputSource.num(u.mean()) + ") / " + InputSource.num(u.std()) + " per channel, "
                        + u.layout() + ", resized (bilinear) to the input when its size differs (--input-scale)";
            }
        }
        return "none: the files are not images and were fed as they are";
    }
}

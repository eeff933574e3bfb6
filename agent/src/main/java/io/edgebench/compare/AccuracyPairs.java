package io.edgebench.compare;

import io.edgebench.results.AccuracyPair;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.stats.PairedProportions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every pair of scored lanes on the same labelled images: the paired table, the top-1 difference with Newcombe's
 * paired interval and McNemar's exact test (the two lanes saw the same images, so their errors are correlated and two
 * separate Wilson intervals would overstate the uncertainty of the difference).
 */
final class AccuracyPairs {
    /** Below this many discordant images no exact McNemar p-value can fall under 0.05: none is printed. */
    static final long MIN_DISCORDANT = PairedProportions.minDiscordantFor(0.05);

    private AccuracyPairs() {}

    /**
     * @param labels every lane's label (by lane index)
     * @param index the lane index of each scored lane
     * @param right per scored lane, per image, whether its top-1 is the label
     */
    static List<AccuracyPair> of(List<String> labels, List<Integer> index, List<boolean[]> right) {
        List<AccuracyPair> out = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            for (int j = i + 1; j < index.size(); j++) {
                out.add(pair(
                        index.get(i),
                        index.get(j),
                        labels.get(index.get(i)),
                        labels.get(index.get(j)),
                        right.get(i),
                        right.get(j)));
            }
        }
        return out;
    }

    static AccuracyPair pair(int a, int b, String nameA, String nameB, boolean[] rightA, boolean[] rightB) {
        AccuracyPair.Table t = table(rightA, rightB);
        ConfidenceInterval ci = PairedProportions.difference95(t.both(), t.onlyA(), t.onlyB(), t.neither());
        Double p = t.discordant() >= MIN_DISCORDANT ? PairedProportions.mcnemarExactP(t.onlyA(), t.onlyB()) : null;
        AccuracyPair.Outcome outcome = t.discordant() == 0
                ? AccuracyPair.Outcome.SAME_ON_ALL
                : ci.low() > 0
                        ? AccuracyPair.Outcome.A_BETTER
                        : ci.high() < 0 ? AccuracyPair.Outcome.B_BETTER : AccuracyPair.Outcome.NOT_RESOLVED;
        return AccuracyPair.builder(a, b, t)
                .differenceCi(ci)
                .mcnemarP(p)
                .outcome(outcome)
                .text(text(nameA, nameB, t, ci, p, outcome))
                .build();
    }

    static AccuracyPair.Table table(boolean[] rightA, boolean[] rightB) {
        int both = 0;
        int onlyA = 0;
        int onlyB = 0;
        int neither = 0;
        for (int k = 0; k < rightA.length; k++) {
            both += rightA[k] && rightB[k] ? 1 : 0;
            onlyA += rightA[k] && !rightB[k] ? 1 : 0;
            onlyB += !rightA[k] && rightB[k] ? 1 : 0;
            neither += !rightA[k] && !rightB[k] ? 1 : 0;
        }
        return new AccuracyPair.Table(both, onlyA, onlyB, neither);
    }

    /**
     * "B loses 1.4 points of top-1 against A (95 % CI 0.6 to 2.2), McNemar exact p = 0.001 (12 vs 3 discordant)",
     * always from the side of the lane behind, so the interval reads as a loss; a loss only when the interval
     * excludes 0, else "A and B: no top-1 difference shown on these N images (B is 9.5 points behind; ...)".
     */
    static String text(
            String nameA,
            String nameB,
            AccuracyPair.Table t,
            ConfidenceInterval ci,
            Double p,
            AccuracyPair.Outcome outcome) {
        int n = t.images();
        double d = (t.onlyA() - t.onlyB()) * 100.0 / n;
        if (outcome == AccuracyPair.Outcome.SAME_ON_ALL) {
            return String.format(
                    Locale.ROOT,
                    "%s and %s: same top-1 on all %d images (no image right in one and wrong in the other; the"
                            + " difference is within %.1f to %.1f points, 95 %% CI)",
                    nameA,
                    nameB,
                    n,
                    ci.low() * 100,
                    ci.high() * 100);
        }
        boolean aAhead = t.onlyA() >= t.onlyB();
        String behind = aAhead ? nameB : nameA;
        String ahead = aAhead ? nameA : nameB;
        double low = aAhead ? ci.low() * 100 : -ci.high() * 100;
        double high = aAhead ? ci.high() * 100 : -ci.low() * 100;
        String head = outcome == AccuracyPair.Outcome.NOT_RESOLVED
                ? String.format(
                        Locale.ROOT,
                        "%s and %s: no top-1 difference shown on these %d images (%s is %.1f points behind;"
                                + " 95 %% CI %.1f to %.1f includes 0), ",
                        nameA,
                        nameB,
                        n,
                        behind,
                        Math.abs(d),
                        low,
                        high)
                : String.format(
                        Locale.ROOT,
                        "%s loses %.1f points of top-1 against %s (95 %% CI %.1f to %.1f), ",
                        behind,
                        Math.abs(d),
                        ahead,
                        low,
                        high);
        int behindOnly = aAhead ? t.onlyB() : t.onlyA();
        int aheadOnly = aAhead ? t.onlyA() : t.onlyB();
        return head
                + (p == null
                        ? String.format(
                                Locale.ROOT,
                                "no McNemar p-value: %d discordant image%s (%d vs %d) cannot reach p < 0.05 (it"
                                        + " takes %d)",
                                t.discordant(),
                                t.discordant() == 1 ? "" : "s",
                                aheadOnly,
                                behindOnly,
                                MIN_DISCORDANT)
                        : String.format(
                                Locale.ROOT,
                                "McNemar exact p = %s (%d vs %d discordant)",
                                p >= 0.001
                                        ? String.format(Locale.ROOT, "%.3f", p)
                                        : String.format(Locale.ROOT, "%.1e", p),
                                aheadOnly,
                                behindOnly));
    }
}

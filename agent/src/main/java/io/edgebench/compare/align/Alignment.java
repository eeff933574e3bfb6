package io.edgebench.compare.align;

import java.util.List;

/**
 * How two lanes' outputs line up: the matched pairs, or why they cannot be compared (then {@code pairs} is empty and
 * no agreement number is computed).
 *
 * @param notComparable null when every output of both lanes is matched; else what is unmatched, both sides' names
 *     and shapes, and a --match hint
 */
public record Alignment(List<AlignedOutput> pairs, String notComparable) {
    public Alignment {
        pairs = List.copyOf(pairs);
    }

    public boolean comparable() {
        return notComparable == null;
    }
}

package io.edgebench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** How much of the graph the chosen delegate took: nodes on the delegate vs nodes in the original graph. */
public record Delegation(int delegatedNodes, int totalNodes) {
    public Delegation {
        if (delegatedNodes < 0 || totalNodes < 0 || delegatedNodes > totalNodes) {
            throw new IllegalArgumentException(
                    "delegation [" + delegatedNodes + "/" + totalNodes + "] must satisfy 0 <= delegated <= total");
        }
    }

    /** Derived, not a JSON property: results round-trip through Json, which rejects unknown keys. */
    @JsonIgnore
    public boolean isFull() {
        return totalNodes > 0 && delegatedNodes == totalNodes;
    }
}

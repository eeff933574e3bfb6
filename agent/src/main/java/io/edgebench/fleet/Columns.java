package io.edgebench.fleet;

import java.util.List;

/** Left-aligned text columns, two spaces apart: the fleet tables. */
final class Columns {
    private Columns() {}

    static String render(List<String[]> rows) {
        int n = rows.get(0).length;
        int[] width = new int[n];
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.append(i == 0 ? "" : "  ").append(r[i]).append(" ".repeat(width[i] - r[i].length()));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}

package io.edgebench.fleet;

import java.util.List;

/** Left-aligned text columns, two spaces apart: the fleet tables. */
final class Columns {
    private Columns() {}

    static String render(List<String[]> rows) {
        rows = rows.stream().map(Columns::oneLine).toList();
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

    /**
     * Cells come from agents' messages: a control character (a newline in a status's state) would start a line
     * of its own and could pass for another device's row; each is shown escaped (backslash-u and four hex digits).
     */
    private static String[] oneLine(String[] row) {
        String[] out = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            StringBuilder b = new StringBuilder();
            String cell = row[i] == null ? "" : row[i];
            for (int k = 0; k < cell.length(); k++) {
                char c = cell.charAt(k);
                b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            out[i] = b.toString();
        }
        return out;
    }
}

package io.edgebench.fleet;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Left-aligned text columns, two spaces apart: the fleet tables. Widths are measured over every row first, then
 * rows are printed one by one, so a table of ten thousand rows is never one string.
 */
final class Columns {
    private final int[] width;

    Columns(String[] header) {
        width = new int[header.length];
        measure(header);
    }

    static String render(List<String[]> rows) {
        Columns c = new Columns(rows.get(0));
        rows.forEach(c::measure);
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        rows.forEach(r -> c.print(r, w));
        w.flush();
        return out.toString();
    }

    void measure(String[] row) {
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(width[i], row[i].length());
        }
    }

    /** One row ending in a bare newline; the caller flushes (picocli's writer flushes on println only). */
    void print(String[] row, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            line.append(i == 0 ? "" : "  ").append(row[i]).append(" ".repeat(width[i] - row[i].length()));
        }
        out.print(line.toString().stripTrailing());
        out.print('\n');
    }
}

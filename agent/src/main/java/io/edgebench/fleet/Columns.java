package io.edgebench.fleet;

import io.edgebench.resultstore.MessageBounds;
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
            width[i] = Math.max(width[i], cell(row[i]).length());
        }
    }

    /** One row ending in a bare newline; the caller flushes (picocli's writer flushes on println only). */
    void print(String[] row, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            String c = cell(row[i]);
            line.append(i == 0 ? "" : "  ").append(c).append(" ".repeat(width[i] - c.length()));
        }
        out.print(line.toString().stripTrailing());
        out.print('\n');
    }

    /**
     * Cells come from agents' messages: a control character (a newline in a status's state) would start a line
     * of its own and could pass for another device's row; each is shown escaped (backslash-u and four hex digits).
     */
    static String cell(String s) {
        return s == null ? "" : MessageBounds.printable(s, Integer.MAX_VALUE);
    }
}

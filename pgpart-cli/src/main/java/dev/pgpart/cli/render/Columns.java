package dev.pgpart.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Left-aligned text columns separated by two spaces. Widths are computed on the plain text, so
 * styling (ANSI codes) never breaks alignment; the last column is not padded.
 */
final class Columns {
    private record Cell(String text, UnaryOperator<String> style) {
    }

    private final List<List<Cell>> rows = new ArrayList<>();
    private List<Cell> current;

    Columns row() {
        current = new ArrayList<>();
        rows.add(current);
        return this;
    }

    Columns cell(String text) {
        return cell(text, UnaryOperator.identity());
    }

    Columns cell(String text, UnaryOperator<String> style) {
        current.add(new Cell(text, style));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out, String indent) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<Cell> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).text().length());
            }
        }
        for (List<Cell> r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.size(); i++) {
                Cell c = r.get(i);
                line.append(c.style().apply(c.text()));
                if (i < r.size() - 1) {
                    line.append(" ".repeat(widths[i] - c.text().length() + 2));
                }
            }
            out.println(stripTrailing(line));
        }
    }

    private static String stripTrailing(StringBuilder s) {
        return s.toString().stripTrailing();
    }
}

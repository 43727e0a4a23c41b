package dev.pgpart.cli.render;

import dev.pgpart.plan.TableStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Status as a table, then each range table's timeline and the findings:
 * <pre>
 * TABLE          METHOD  KEY         PARTITIONS  DEFAULT ROWS  COVERED UNTIL           AHEAD  SIZE
 * public.orders  range   created_at  13 + def.   0             2027-04-01 00:00:00+00  4      48 MB
 * </pre>
 */
public final class StatusText {
    private final Style style;

    public StatusText(Style style) {
        this.style = style;
    }

    public void print(PrintWriter out, List<TableStatus> tables) {
        if (tables.isEmpty()) {
            out.println("No tables configured.");
            return;
        }
        Columns cols = new Columns();
        cols.row().cell("TABLE", style::bold).cell("METHOD", style::bold).cell("KEY", style::bold)
                .cell("PARTITIONS", style::bold).cell("DEFAULT ROWS", style::bold).cell("FIRST BOUND", style::bold)
                .cell("COVERED UNTIL", style::bold).cell("AHEAD", style::bold).cell("SIZE", style::bold);
        for (TableStatus t : tables) {
            cols.row().cell(t.table().toString())
                    .cell(t.method().toLowerCase(Locale.ROOT))
                    .cell(t.key())
                    .cell(t.partitions() + (t.hasDefault() ? " + default" : ""))
                    .cell(t.hasDefault() ? Text.count(t.rowsInDefault()) : "-", t.rowsInDefault() > 0 ? style::warn : s -> s)
                    .cell(t.firstBound().orElse("-"))
                    .cell(t.coveredUntil().orElse(isRange(t) ? "NOT COVERED" : "-"),
                            t.coveredUntil().isEmpty() && isRange(t) ? style::bad : s -> s)
                    .cell(isRange(t) ? String.valueOf(t.aheadCount()) : "-")
                    .cell(Text.bytes(t.totalBytes()));
        }
        cols.print(out, "");
        printDistributed(out, tables);
        printTimelines(out, tables);
        printFindings(out, tables);
    }

    /** Citus-distributed tables only: their sizes above are the shards' on the workers. */
    private void printDistributed(PrintWriter out, List<TableStatus> tables) {
        Columns cols = new Columns();
        for (TableStatus t : tables) {
            t.distribution().ifPresent(d -> cols.row().cell(t.table().toString()).cell(d.describe())
                    .cell("co-location group " + d.colocationId(), style::dim));
        }
        if (!cols.isEmpty()) {
            out.println();
            out.println("Distributed by Citus (sizes are the shards' on the workers):");
            cols.print(out, "  ");
        }
    }

    private void printTimelines(PrintWriter out, List<TableStatus> tables) {
        Columns cols = new Columns();
        for (TableStatus t : tables) {
            if (!t.timeline().isEmpty()) {
                cols.row().cell(t.table().toString()).cell(t.timeline())
                        .cell(t.firstBound().orElse("") + " .. " + t.lastBound().orElse(""), style::dim);
            }
        }
        if (!cols.isEmpty()) {
            out.println();
            out.println("Timeline (# past, @ current, + ahead, . gap):");
            cols.print(out, "  ");
        }
    }

    private void printFindings(PrintWriter out, List<TableStatus> tables) {
        boolean any = tables.stream().anyMatch(t -> !t.findings().isEmpty());
        if (!any) {
            return;
        }
        out.println();
        for (TableStatus t : tables) {
            if (!t.findings().isEmpty()) {
                out.println(style.bold(t.table().toString()) + ":");
                new FindingText(style).printNested(out, t.findings());
            }
        }
    }

    private static boolean isRange(TableStatus t) {
        return "RANGE".equalsIgnoreCase(t.method());
    }
}

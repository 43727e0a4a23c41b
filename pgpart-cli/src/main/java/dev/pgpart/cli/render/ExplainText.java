package dev.pgpart.cli.render;

import dev.pgpart.guard.PlanOutline;
import dev.pgpart.guard.PruningReport;
import dev.pgpart.guard.TablePruning;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code pgpart explain} for people: mode, one row per partitioned table, what was scanned, the plan. */
public final class ExplainText {
    private final Style style;

    public ExplainText(Style style) {
        this.style = style;
    }

    public void print(PrintWriter out, PruningReport r) {
        out.println("Mode: " + r.mode().description() + (r.analyzed() ? ", analyzed (rolled back)" : "")
                + " - PostgreSQL " + r.serverMajor());
        out.println("Statement: " + r.sql());
        if (!r.params().isEmpty()) {
            out.println("Values: " + IntStream.range(0, r.params().size())
                    .mapToObj(i -> "$" + (i + 1) + " = " + r.params().get(i).display()).collect(Collectors.joining(", ")));
        }
        out.println();
        if (r.tables().isEmpty()) {
            out.println("No partitioned table is scanned by this plan: nothing to judge.");
        } else {
            table(out, r);
        }
        if (r.unattributedRemoved() > 0) {
            out.println(r.unattributedRemoved() + " partitions were removed at run time from an Append left with none:"
                    + " nothing of that table is scanned.");
        }
        out.println();
        out.println("Plan:");
        PlanOutline.lines(r.plan()).forEach(l -> out.println("  " + l));
        out.flush();
    }

    private void table(PrintWriter out, PruningReport r) {
        Columns c = new Columns();
        c.row().cell("table").cell("strategy").cell("partitions").cell("after plan-time").cell("removed at run time")
                .cell("scanned");
        if (r.analyzed()) {
            c.cell("never executed");
        }
        c.cell("limit").cell("verdict");
        for (TablePruning t : r.tables()) {
            c.row().cell(t.table().toString()).cell(t.strategy().name().toLowerCase(Locale.ROOT))
                    .cell(String.valueOf(t.partitions())).cell(String.valueOf(t.afterPlanTime()))
                    .cell(String.valueOf(t.removedAtRunTime())).cell(String.valueOf(t.scannedCount()));
            t.neverExecuted().ifPresent(n -> c.cell(String.valueOf(n)));
            c.cell(String.valueOf(t.limit())).cell(t.ok() ? "ok" : "FAIL", t.ok() ? style::good : style::bad);
        }
        c.print(out, "");
        for (TablePruning t : r.tables()) {
            out.println();
            out.println(t.table() + " scans " + (t.scanned().isEmpty() ? "no partition"
                    : t.scanned().stream().map(Object::toString).collect(Collectors.joining(", "))));
            if (!t.ok()) {
                out.println(style.bad("  over the limit: " + t.scannedCount() + " partitions scanned, at most "
                        + t.limit() + " allowed") + ". Filter on the partition key with a plain comparison"
                        + " (no function or cast on the key column), or raise --max-partitions if this is deliberate.");
            }
        }
    }
}

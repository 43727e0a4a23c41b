package dev.pgpart.cli.render;

import dev.pgpart.plan.Action;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import java.io.PrintWriter;

/**
 * A plan as text, grouped by table:
 * <pre>
 * public.orders: 2 actions
 *   create  orders_p20270101  FROM ('2027-01-01 00:00:00+00') TO ('2027-02-01 00:00:00+00')
 *     leaf  orders_p20270101_p0  WITH (MODULUS 2, REMAINDER 0)
 *   drop    orders_p20251101  FROM (...) TO (...)  needs --yes: upper bound ... is past retention
 *   problem: 1,200 rows in orders_default
 * </pre>
 * A sub-partitioned create is followed by one {@code leaf} line per child it gets.
 */
public final class PlanText {
    private final Style style;

    public PlanText(Style style) {
        this.style = style;
    }

    public void print(PrintWriter out, Plan plan) {
        long actions = plan.actions().size();
        long consent = plan.actions().stream().filter(Action::requiresConsent).count();
        if (plan.isEmpty() && plan.findings().isEmpty()) {
            out.println("Nothing to do at " + plan.at() + ": " + Text.plural(plan.tables().size(), "table") + " up to date.");
            return;
        }
        out.println(style.bold("Plan at " + plan.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + ": " + Text.plural(actions, "action") + " on "
                + Text.plural(plan.tables().stream().filter(t -> !t.isEmpty()).count(), "table")
                + (consent > 0 ? " (" + consent + " need --yes)" : ""));
        for (TablePlan t : plan.tables()) {
            out.println();
            printTable(out, t);
        }
    }

    private void printTable(PrintWriter out, TablePlan t) {
        out.println(style.bold(t.table().toString()) + ": "
                + (t.actions().isEmpty() ? "nothing to do" : Text.plural(t.actions().size(), "action")));
        Columns cols = new Columns();
        for (Action a : t.actions()) {
            cols.row().cell(Text.type(a))
                    .cell(Text.child(t.table(), a.partition()))
                    .cell(Text.bound(a).map(Text::bound).orElse(""))
                    .cell(note(a), style::warn);
            if (a instanceof CreatePartition c) {
                leaves(cols, t, c);
            }
        }
        cols.print(out, "  ");
        new FindingText(style).printNested(out, t.findings());
    }

    /** Under a sub-partitioned create, one line per leaf it gets: the names maintain will use. */
    private static void leaves(Columns cols, TablePlan t, CreatePartition c) {
        c.subpartitions().ifPresent(s -> s.leaves().forEach(l -> cols.row().cell("  leaf")
                .cell(Text.child(t.table(), l.name())).cell(Text.bound(l.bound()))));
    }

    /** What else a reader should know about an action: rows it moves, consent, why it expires. */
    static String note(Action a) {
        if (a instanceof CreatePartition c && c.defaultExists()) {
            return switch (c.rowsFromDefault().kind()) {
                case EXACTLY -> "moves " + Text.rows(c.rowsFromDefault().count()) + " out of the default";
                case UNKNOWN -> "may move rows out of the default";
                case NONE -> "";
            };
        }
        if (a instanceof DetachPartition d) {
            return "needs --yes" + (d.concurrently() ? ", concurrently" : "") + ": " + d.reason();
        }
        if (a instanceof DropPartition d) {
            return "needs --yes: " + d.reason();
        }
        return "";
    }
}

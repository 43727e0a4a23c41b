package dev.pgpart.cli.render;

import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.sql.QualifiedName;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What maintain (or a partition command) did, one line per action:
 * {@code applied  create  orders_p20270101  FROM (...) TO (...)  moved 1,200 rows out of the default (0.2s)}.
 */
public final class ResultText {
    private final Style style;

    public ResultText(Style style) {
        this.style = style;
    }

    public void print(PrintWriter out, MaintainResult result) {
        Map<QualifiedName, List<ActionResult>> byTable = new LinkedHashMap<>();
        for (ActionResult r : result.results()) {
            byTable.computeIfAbsent(r.action().parent(), k -> new java.util.ArrayList<>()).add(r);
        }
        for (TablePlan t : result.plan().tables()) {
            List<ActionResult> rs = byTable.getOrDefault(t.table(), List.of());
            out.println(style.bold(t.table().toString()) + ": " + (rs.isEmpty() ? "nothing to do" : Text.plural(rs.size(), "action")));
            Columns cols = new Columns();
            rs.forEach(r -> addRow(cols, r));
            cols.print(out, "  ");
            new FindingText(style).printNested(out, t.findings());
        }
        out.println();
        out.println(summary(result));
    }

    public void print(PrintWriter out, ActionResult r) {
        Columns cols = new Columns();
        addRow(cols, r);
        cols.print(out, "");
    }

    private void addRow(Columns cols, ActionResult r) {
        Action a = r.action();
        cols.row().cell(Text.outcome(r.outcome()), colour(r.outcome()))
                .cell(Text.type(a))
                .cell(Text.child(a.parent(), a.partition()))
                .cell(Text.bound(a).map(Text::bound).orElse(""))
                .cell(why(r));
    }

    private UnaryOperator<String> colour(Outcome o) {
        switch (o) {
            case APPLIED: return style::good;
            case SKIPPED: return style::warn;
            default: return style::bad;
        }
    }

    /** The detail, rows moved when the detail does not say it, retries and time. */
    static String why(ActionResult r) {
        StringBuilder s = new StringBuilder(r.detail());
        if (r.rowsMoved() > 0 && !r.detail().contains("moved")) {
            sep(s).append("moved ").append(Text.rows(r.rowsMoved())).append(" out of the default");
        }
        if (r.attempts() > 1) {
            sep(s).append("after ").append(r.attempts()).append(" attempts");
        }
        if (r.outcome() == Outcome.APPLIED && !r.elapsed().isZero()) {
            s.append(s.length() == 0 ? "" : " ").append("(").append(Text.duration(r.elapsed())).append(")");
        }
        return s.toString();
    }

    private static StringBuilder sep(StringBuilder s) {
        return s.length() == 0 ? s : s.append(", ");
    }

    public static String summary(MaintainResult result) {
        long applied = count(result, Outcome.APPLIED);
        long skipped = count(result, Outcome.SKIPPED);
        long failed = count(result, Outcome.FAILED);
        long consent = result.results().stream().filter(ActionResult::skippedForConsent).count();
        Duration total = result.elapsed();
        StringBuilder s = new StringBuilder();
        s.append(applied).append(" applied, ").append(skipped).append(" skipped, ").append(failed).append(" failed");
        if (result.rowsMoved() > 0) {
            s.append("; ").append(Text.rows(result.rowsMoved())).append(" moved out of default partitions");
        }
        s.append(" in ").append(Text.duration(total)).append('.');
        if (consent > 0) {
            s.append(" ").append(Text.plural(consent, "action")).append(" need consent: run again with --yes to detach/drop.");
        }
        if (failed > 0) {
            // a table's failure does not undo its other actions (a concurrent detach or drop commits
            // on its own): say what the lines above mean, not that everything was rolled back
            s.append(" Actions marked applied are committed; each failed line says what it left behind.");
        }
        return s.toString();
    }

    private static long count(MaintainResult result, Outcome o) {
        return result.results().stream().filter(r -> r.outcome() == o).count();
    }
}

package dev.pgpart.guard;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Plan lines as {@code EXPLAIN} prints them (node, relation, conditions, "Subplans Removed"),
 * optionally only those that lead to given partitions, so a failure message shows the lines that
 * matter and not a thousand-partition plan.
 */
public final class PlanOutline {
    /** Members of one Append shown before "... and N more". */
    static final int MEMBERS_SHOWN = 8;

    private PlanOutline() {
    }

    /** Every node of the plan. */
    public static List<String> lines(PlanNode plan) {
        List<String> out = new ArrayList<>();
        render(plan, 0, Set.of(), true, out);
        return out;
    }

    /** Only the nodes that are, or lead to, scans of {@code partitions}. */
    public static List<String> linesFor(PlanNode plan, Set<QualifiedName> partitions) {
        List<String> out = new ArrayList<>();
        render(plan, 0, partitions, false, out);
        return out;
    }

    private static void render(PlanNode n, int depth, Set<QualifiedName> wanted, boolean all, List<String> out) {
        String indent = depth == 0 ? "" : "  ".repeat(depth * 2 - 1) + "->  ";
        String pad = " ".repeat(indent.length() + 2);
        out.add(indent + head(n));
        n.conditions().forEach(c -> out.add(pad + c));
        if (n.subplansRemoved() > 0 || (n.isAppend() && n.children().isEmpty())) {
            out.add(pad + "Subplans Removed: " + n.subplansRemoved());
        }
        List<PlanNode> shown = all ? n.children() : n.children().stream().filter(c -> leadsTo(c, wanted)).toList();
        int limit = n.isAppend() ? MEMBERS_SHOWN : Integer.MAX_VALUE;
        for (int i = 0; i < shown.size() && i < limit; i++) {
            render(shown.get(i), depth + 1, wanted, all, out);
        }
        if (shown.size() > limit) {
            out.add("  ".repeat(depth * 2 + 1) + "->  ... and " + (shown.size() - limit) + " more");
        }
    }

    private static String head(PlanNode n) {
        StringBuilder sb = new StringBuilder(n.nodeType());
        n.relation().ifPresent(r -> {
            sb.append(" on ").append(r);
            n.alias().filter(a -> !a.equals(r.name())).ifPresent(a -> sb.append(' ').append(a));
        });
        if (n.neverExecuted()) {
            sb.append("  (never executed)");
        }
        return sb.toString();
    }

    private static boolean leadsTo(PlanNode n, Set<QualifiedName> wanted) {
        if (n.relation().isPresent() && wanted.contains(n.relation().get())) {
            return true;
        }
        return n.children().stream().anyMatch(c -> leadsTo(c, wanted));
    }
}

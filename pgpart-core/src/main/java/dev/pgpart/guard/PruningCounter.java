package dev.pgpart.guard;

import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts, per partition tree, what a plan reads: a pure function of the plan and the leaf-to-root
 * map, so it is tested without a database. An Append's "Subplans Removed" belongs to the tree of
 * its members; members are the children an Append or MergeAppend lists as "Member" (its InitPlans
 * may read other tables).
 */
final class PruningCounter {
    private final Map<QualifiedName, LeafRoots.Tree> trees;
    private final Map<QualifiedName, Set<QualifiedName>> scanned = new TreeMap<>();
    private final Map<QualifiedName, Set<QualifiedName>> executed = new HashMap<>();
    private final Map<QualifiedName, Integer> removed = new HashMap<>();
    private int unattributed;

    private PruningCounter(Map<QualifiedName, LeafRoots.Tree> trees) {
        this.trees = trees;
    }

    record Counts(List<TablePruning> tables, int unattributedRemoved) {
    }

    /** Every relation a plan scans, in plan order. */
    static Set<QualifiedName> scannedRelations(PlanNode plan) {
        Set<QualifiedName> out = new LinkedHashSet<>();
        walk(plan, n -> {
            if (n.isScan()) {
                out.add(n.relation().orElseThrow());
            }
        });
        return out;
    }

    static Counts count(PlanNode plan, Map<QualifiedName, LeafRoots.Tree> trees, PartitionLimits limits, boolean analyzed) {
        PruningCounter c = new PruningCounter(trees);
        walk(plan, c::visit);
        List<TablePruning> tables = new ArrayList<>();
        for (Map.Entry<QualifiedName, Set<QualifiedName>> e : c.scanned.entrySet()) {
            QualifiedName root = e.getKey();
            LeafRoots.Tree tree = trees.values().stream().filter(t -> t.root().equals(root)).findFirst().orElseThrow();
            int gone = c.removed.getOrDefault(root, 0);
            Set<QualifiedName> ran = c.executed.getOrDefault(root, Set.of());
            Optional<Integer> never = analyzed ? Optional.of((int) e.getValue().stream().filter(l -> !ran.contains(l)).count())
                    : Optional.empty();
            tables.add(new TablePruning(root, tree.strategy(), tree.leaves(), e.getValue().size() + gone, gone,
                    List.copyOf(e.getValue()), never, limits.limitFor(root)));
        }
        return new Counts(tables, c.unattributed);
    }

    private void visit(PlanNode n) {
        if (n.isScan()) {
            Optional.ofNullable(trees.get(n.relation().orElseThrow())).ifPresent(t -> {
                scanned.computeIfAbsent(t.root(), k -> new TreeSet<>()).add(n.relation().orElseThrow());
                if (!n.neverExecuted()) {
                    executed.computeIfAbsent(t.root(), k -> new TreeSet<>()).add(n.relation().orElseThrow());
                }
            });
        }
        if (n.isAppend() && n.subplansRemoved() > 0) {
            Optional<QualifiedName> root = memberRoot(n);
            if (root.isPresent()) {
                removed.merge(root.get(), n.subplansRemoved(), Integer::sum);
                scanned.computeIfAbsent(root.get(), k -> new TreeSet<>());
            } else {
                unattributed += n.subplansRemoved();
            }
        }
    }

    /** The tree of the first partition among an Append's members (through nested Appends, Gathers, sorts). */
    private Optional<QualifiedName> memberRoot(PlanNode append) {
        for (PlanNode m : append.children()) {
            if (!m.parent().equals("Member")) {
                continue;
            }
            Optional<QualifiedName> r = firstLeafRoot(m);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private Optional<QualifiedName> firstLeafRoot(PlanNode n) {
        if (n.isScan()) {
            return Optional.ofNullable(trees.get(n.relation().orElseThrow())).map(LeafRoots.Tree::root);
        }
        for (PlanNode child : n.children()) {
            if (child.parent().equals("InitPlan") || child.parent().equals("SubPlan")) {
                continue;
            }
            Optional<QualifiedName> r = firstLeafRoot(child);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    static void walk(PlanNode n, java.util.function.Consumer<PlanNode> visitor) {
        visitor.accept(n);
        n.children().forEach(c -> walk(c, visitor));
    }
}

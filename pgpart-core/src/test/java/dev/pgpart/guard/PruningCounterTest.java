package dev.pgpart.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Counting on hand-made plans, no database. */
class PruningCounterTest {
    private static final QualifiedName ROOT = QualifiedName.of("public", "ev");
    private static final QualifiedName OTHER = QualifiedName.of("public", "other");
    private static final Map<QualifiedName, LeafRoots.Tree> TREES = Map.of(
            leaf("ev_1"), new LeafRoots.Tree(ROOT, TableInfo.Strategy.RANGE, 6),
            leaf("ev_2"), new LeafRoots.Tree(ROOT, TableInfo.Strategy.RANGE, 6),
            leaf("other_1"), new LeafRoots.Tree(OTHER, TableInfo.Strategy.LIST, 2));

    private static QualifiedName leaf(String name) {
        return QualifiedName.of("public", name);
    }

    private static PlanNode scan(String rel, String parent, Optional<Long> loops) {
        return new PlanNode("Seq Scan", Optional.of(leaf(rel)), Optional.empty(), parent, List.of(), 0, loops, List.of());
    }

    private static PlanNode append(int removed, PlanNode... children) {
        return new PlanNode("Append", Optional.empty(), Optional.empty(), "", List.of(), removed, Optional.empty(), List.of(children));
    }

    @Test
    void subplansRemovedBelongToTheTreeOfTheMembersNotOfAnInitPlan() {
        PlanNode plan = append(4, scan("other_1", "InitPlan", Optional.empty()), scan("ev_1", "Member", Optional.empty()),
                scan("ev_2", "Member", Optional.empty()));
        PruningCounter.Counts c = PruningCounter.count(plan, TREES, PartitionLimits.of(1), false);
        TablePruning ev = c.tables().stream().filter(t -> t.table().equals(ROOT)).findFirst().orElseThrow();
        assertThat(ev.scannedCount()).isEqualTo(2);
        assertThat(ev.removedAtRunTime()).isEqualTo(4);
        assertThat(ev.afterPlanTime()).isEqualTo(6);
        assertThat(ev.ok()).isFalse();
        assertThat(c.tables()).extracting(TablePruning::table).containsExactly(ROOT, OTHER);
    }

    @Test
    void anAppendLeftWithNoMemberCannotBeAttributedAndScansNothing() {
        PruningCounter.Counts c = PruningCounter.count(append(6), TREES, PartitionLimits.of(1), false);
        assertThat(c.tables()).isEmpty();
        assertThat(c.unattributedRemoved()).isEqualTo(6);
    }

    @Test
    void perTableLimitsAndNeverExecutedScansAreReported() {
        PlanNode plan = append(0, scan("ev_1", "Member", Optional.of(1L)), scan("ev_2", "Member", Optional.of(0L)));
        TablePruning ev = PruningCounter.count(plan, TREES, PartitionLimits.of(1).with(ROOT, 2), true).tables().get(0);
        assertThat(ev.limit()).isEqualTo(2);
        assertThat(ev.ok()).isTrue();
        assertThat(ev.neverExecuted()).contains(1);
    }

    @Test
    void planJsonIsReadWithSchemaRelationAndSubplansRemoved() {
        PlanNode n = PlanNode.parseExplain("[{\"Plan\": {\"Node Type\": \"Append\", \"Subplans Removed\": 3, \"Plans\": ["
                + "{\"Node Type\": \"Seq Scan\", \"Parent Relationship\": \"Member\", \"Relation Name\": \"ev_1\","
                + " \"Schema\": \"s\\\"q\", \"Alias\": \"ev\", \"Filter\": \"(k = 5)\", \"Actual Loops\": 0}]}}]");
        assertThat(n.subplansRemoved()).isEqualTo(3);
        PlanNode s = n.children().get(0);
        assertThat(s.relation()).contains(QualifiedName.of("s\"q", "ev_1"));
        assertThat(s.neverExecuted()).isTrue();
        assertThat(PlanOutline.lines(n)).containsExactly("Append", "  Subplans Removed: 3",
                "  ->  Seq Scan on \"s\"\"q\".ev_1 ev  (never executed)", "        Filter: (k = 5)");
    }
}

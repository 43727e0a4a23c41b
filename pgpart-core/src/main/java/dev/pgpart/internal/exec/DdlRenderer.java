package dev.pgpart.internal.exec;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.ArchivePartition;
import dev.pgpart.plan.BoundText;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.FinalizeDetach;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an {@link Action} into the statements that perform it. Pure: no connection, so every
 * statement can be checked by unit tests and shown to a DBA before it runs.
 *
 * <p>Lock discipline: a new child is created detached and then ATTACHed, so the parent takes
 * SHARE UPDATE EXCLUSIVE, never ACCESS EXCLUSIVE. Only a non-concurrent DETACH takes ACCESS
 * EXCLUSIVE on the parent; the planner chooses CONCURRENTLY whenever PostgreSQL allows it.
 */
public final class DdlRenderer {
    /**
     * @param parent      the parent as the catalog has it (columns, properties, default partition)
     * @param currentUser the role running pgpart: the child is given to the parent's owner if it differs
     * @throws IllegalArgumentException when the action cannot be rendered safely (the message says why)
     */
    public RenderedAction render(Action action, TableInfo parent, String currentUser) {
        if (!action.parent().equals(parent.name())) {
            throw new IllegalArgumentException("action for " + action.parent() + " rendered with the catalog of " + parent.name());
        }
        return action.accept(new Action.Visitor<>() {
            @Override
            public RenderedAction create(CreatePartition a) {
                return new RenderedAction(a, Optional.empty(), DdlRenderer.create(a, parent, currentUser));
            }

            @Override
            public RenderedAction createDefault(CreateDefaultPartition a) {
                List<Step> steps = new ArrayList<>(CreateSql.child(a.partition(), parent, Optional.empty(), currentUser));
                CitusSql.distributeLikeParent(a.partition(), parent).ifPresent(steps::add);
                steps.add(Step.ddl(attach(parent.name(), a.partition(), new Bound.Default())));
                return new RenderedAction(a, Optional.empty(), steps);
            }

            @Override
            public RenderedAction detach(DetachPartition a) {
                return DdlRenderer.detach(a, a.concurrently(), parent, detachedComment(a.partition(), parent).stream().toList());
            }

            @Override
            public RenderedAction drop(DropPartition a) {
                return DdlRenderer.detach(a, a.concurrently(), parent, dropDetached(a.partition()));
            }

            @Override
            public RenderedAction finalizeDetach(FinalizeDetach a) {
                List<Step> steps = new ArrayList<>();
                steps.add(Step.ddl(DdlRenderer.finalizeDetach(a.parent(), a.partition())));
                if (a.thenDrop()) {
                    steps.addAll(dropDetached(a.partition()));
                } else {
                    detachedComment(a.partition(), parent).ifPresent(steps::add);
                }
                return new RenderedAction(a, Optional.empty(), steps);
            }

            @Override
            public RenderedAction archive(ArchivePartition a) {
                // An archive is a job (detach, export, verify, drop) that Pgpart runs itself, never a
                // statement list: refusing here keeps a plan handed straight to the executor from
                // detaching the partition and leaving it unarchived.
                throw new IllegalArgumentException("archiving " + a.partition() + " is a job run by maintain or"
                        + " archive run (Pgpart.maintain), not by the executor; nothing was changed");
            }
        });
    }

    /** Drops a table only after checking it really is no longer attached. */
    private static List<Step> dropDetached(QualifiedName table) {
        return List.of(new Step(Step.Kind.EXPECT_DETACHED, EXPECT_DETACHED_SQL, List.of(table.schema(), table.name())),
                Step.ddl("DROP TABLE " + table.sql()));
    }

    /** Bind parameters: schema, relation name. */
    static final String EXPECT_DETACHED_SQL = "SELECT c.relispartition FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    private static List<Step> create(CreatePartition a, TableInfo parent, String currentUser) {
        if (parent.distributed() && a.subpartitions().isPresent()) {
            throw new IllegalArgumentException(CitusSql.noSubpartitions(parent.name()));
        }
        List<Step> steps = new ArrayList<>(CreateSql.child(a.partition(), parent, a.subpartitions(), currentUser));
        // Distributed before any row moves into it, or the moved rows would stay on the coordinator.
        CitusSql.distributeLikeParent(a.partition(), parent).ifPresent(steps::add);
        if (a.defaultExists()) {
            QualifiedName def = parent.defaultPartition().map(Partition::name).orElseThrow(() -> new IllegalArgumentException(
                    "the plan expects a default partition of " + parent.name() + " but the catalog has none"));
            // ATTACH needs ACCESS EXCLUSIVE on the default anyway (to scan it) and keeps it until
            // commit, so taking it first costs nothing. It avoids the lock upgrade from the DELETE's
            // ROW EXCLUSIVE (a deadlock risk), and no session can insert a row of the new range into
            // the default between the move and the ATTACH (which would then fail with 23514).
            steps.add(Step.ddl("LOCK TABLE " + def.sql() + " IN ACCESS EXCLUSIVE MODE"));
            // Always run the move: the planner's count is an estimate, and ATTACH fails (23514) if
            // a single matching row is left behind in the default.
            MoveRowsSql.Move move = MoveRowsSql.render(def, a.partition(), a.bound(), parent);
            steps.addAll(move.before());
            steps.add(Step.ddl(attach(parent.name(), a.partition(), a.bound())));
            steps.addAll(move.after());
            return steps;
        }
        steps.add(Step.ddl(attach(parent.name(), a.partition(), a.bound())));
        return steps;
    }

    private static RenderedAction detach(Action a, boolean concurrently, TableInfo parent, List<Step> after) {
        String detach = "ALTER TABLE " + a.parent().sql() + " DETACH PARTITION " + a.partition().sql();
        if (concurrently && parent.distributed()) {
            throw new IllegalArgumentException("Citus does not support DETACH ... CONCURRENTLY on the distributed table "
                    + parent.name() + "; plan again (the planner uses a plain DETACH there); nothing was changed");
        }
        if (concurrently) {
            return new RenderedAction(a, Optional.of(Step.ddl(detach + " CONCURRENTLY")), after);
        }
        List<Step> steps = new ArrayList<>();
        steps.add(Step.ddl(detach));
        steps.addAll(after);
        return new RenderedAction(a, Optional.empty(), steps);
    }

    static String attach(QualifiedName parent, QualifiedName child, Bound bound) {
        return "ALTER TABLE " + parent.sql() + " ATTACH PARTITION " + child.sql() + " " + BoundText.of(bound);
    }

    static String finalizeDetach(QualifiedName parent, QualifiedName child) {
        return "ALTER TABLE " + parent.sql() + " DETACH PARTITION " + child.sql() + " FINALIZE";
    }

    /**
     * A detached table keeps the marker (so a DBA sees pgpart made it) and says where it came
     * from. Partitions pgpart did not create keep their own comment.
     */
    private static Optional<Step> detachedComment(QualifiedName child, TableInfo parent) {
        Optional<Partition> p = parent.partitions().stream().filter(x -> x.name().equals(child)).findFirst();
        if (p.isEmpty() || !p.get().managed()) {
            return Optional.empty();
        }
        String text = Partition.MANAGED_MARKER + " detached from " + parent.name() + " (was " + boundText(p.get().bound()) + ")";
        return Optional.of(Step.ddl("COMMENT ON TABLE " + child.sql() + " IS " + Sql.literal(text)));
    }

    private static String boundText(Bound b) {
        return b instanceof Bound.Unparsed u ? u.text() : BoundText.of(b);
    }
}

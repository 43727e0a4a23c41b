package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.exec.DdlRenderer;
import dev.pgpart.internal.exec.RenderedAction;
import dev.pgpart.internal.exec.Step;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.BoundText;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.ManualNames;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of single partition operations (add a RANGE, LIST, HASH or DEFAULT partition; delete one)
 * for migration tools. It is the same SQL {@code maintain} runs, from the same renderer: the child is
 * created detached and then ATTACHed (the parent never takes ACCESS EXCLUSIVE), rows of the new
 * bound are moved out of the DEFAULT partition in the same transaction, and a partition is deleted
 * by DETACH then DROP; timestamptz bounds without an offset mean UTC. The caller runs the statements in its own transaction, after
 * {@link #sessionSettings(Duration)}.
 *
 * <p>{@link #read} looks at the parent in the catalog once (bind parameters only); the rendering
 * itself is pure.
 */
public final class PartitionDdl {
    private final Catalog catalog;
    private final TableInfo parent;
    private final String currentUser;

    PartitionDdl(Catalog catalog, TableInfo parent, String currentUser) {
        this.catalog = catalog;
        this.parent = parent;
        this.currentUser = currentUser;
    }

    /** Reads {@code parent} over {@code c}, leaving the connection's settings and transaction as they were. */
    public static PartitionDdl read(Connection c, QualifiedName parent) throws SQLException {
        Catalog catalog = CatalogSnapshot.read(c, parent);
        TableInfo info = catalog.table(parent).orElseThrow(() -> new PgpartException(ErrorCode.CONFIG,
                "table " + parent + " does not exist; nothing was changed: create it first (CREATE TABLE ... PARTITION BY ...)"));
        if (!info.isPartitioned()) {
            throw new PgpartException(ErrorCode.CONFIG, parent + " is not a partitioned table; nothing was changed:"
                    + " convert it first (pgpart convert) or name its partitioned parent");
        }
        return new PartitionDdl(catalog, info, CatalogSnapshot.currentUser(c));
    }

    /** Reads the parent of {@code partition}, for a delete that names only the partition. */
    public static PartitionDdl readParentOf(Connection c, QualifiedName partition) throws SQLException {
        QualifiedName parent = new CatalogReader().parentOf(c, partition).orElseThrow(() -> new PgpartException(
                ErrorCode.CONFIG, partition + " is not a partition of any table; nothing was changed"));
        return read(c, parent);
    }

    /**
     * {@code SET LOCAL} statements the operation's transaction starts with: a lock wait bounded by
     * {@code lockTimeout} (an ATTACH or DETACH queued behind a long query would otherwise block every
     * query on the table behind it). TimeZone is left alone: timestamptz bounds are written with an
     * explicit offset instead (a value without one means UTC).
     */
    public static List<String> sessionSettings(Duration lockTimeout) {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new PgpartException(ErrorCode.CONFIG, "lock_timeout must be positive, got " + lockTimeout
                    + " (0 would wait forever for the table's lock)");
        }
        return List.of("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
    }

    public QualifiedName parent() {
        return parent.name();
    }

    /**
     * A new partition with {@code bound}, named {@code name} (in the parent's schema) or, when empty,
     * as {@code maintain} would name it ({@code <parent>_p<lower>}, {@code <parent>_default}, ...).
     */
    public PartitionOperation add(Bound given, Optional<String> name) {
        fits(given);
        Bound bound = UtcBounds.of(given, parent);
        QualifiedName child = name.map(parent.name()::sibling).orElseGet(() -> ManualNames.derive(parent.name(),
                Optional.empty(), bound, catalog).orElseThrow(() -> new PgpartException(ErrorCode.CONFIG,
                "cannot derive a name for the new partition of " + parent.name() + " from " + BoundText.of(bound)
                        + ": give it a name; nothing was changed")));
        Action action;
        List<String> warnings = new ArrayList<>();
        if (bound instanceof Bound.Default) {
            parent.defaultPartition().ifPresent(d -> {
                throw new PgpartException(ErrorCode.CONFIG, parent.name() + " already has a default partition, " + d.name()
                        + "; nothing was changed: a table has at most one");
            });
            action = new CreateDefaultPartition(parent.name(), child);
        } else {
            parent.defaultPartition().filter(d -> !parent.moveHazards().moveAllowed()).ifPresent(d ->
                    warnings.add(parent.moveHazards().refusal(d.name())));
            action = new CreatePartition(parent.name(), child, bound, parent.defaultPartition().isPresent(),
                    DefaultRows.unknown(), Optional.empty());
        }
        return operation(child, new DdlRenderer().render(action, parent, currentUser), warnings);
    }

    /**
     * Detaches then drops {@code partition}. {@code concurrently} uses {@code DETACH ... CONCURRENTLY}
     * (PostgreSQL 14+, not on a table with a DEFAULT partition), which must run outside a transaction.
     */
    public PartitionOperation delete(QualifiedName partition, boolean concurrently) {
        Partition p = parent.partitions().stream().filter(x -> x.name().equals(partition)).findFirst()
                .or(() -> parent.defaultPartition().filter(d -> d.name().equals(partition)))
                .orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, partition + " is not attached to " + parent.name()
                        + "; nothing was changed"));
        if (concurrently) {
            parent.defaultPartition().ifPresent(d -> {
                throw new PgpartException(ErrorCode.CONFIG, "cannot detach " + partition + " CONCURRENTLY: " + parent.name()
                        + " has a default partition (" + d.name() + "), which PostgreSQL does not allow; nothing was"
                        + " changed: delete it without CONCURRENTLY");
            });
        }
        List<String> warnings = new ArrayList<>();
        if (p.bound() instanceof Bound.Default) {
            warnings.add("deleting " + partition + ", the DEFAULT partition of " + parent.name() + ": from then on, rows"
                    + " that fit no other partition fail to insert (no partition of relation found for row)");
        }
        Action action = new DropPartition(parent.name(), partition, p.bound(), concurrently, "migration");
        return operation(partition, new DdlRenderer().render(action, parent, currentUser), warnings);
    }

    private PartitionOperation operation(QualifiedName partition, RenderedAction rendered, List<String> warnings) {
        List<String> statements = new ArrayList<>();
        for (Step step : rendered.steps()) {
            sql(step).ifPresent(statements::add);
        }
        return new PartitionOperation(parent.name(), partition, rendered.outsideTransaction().map(Step::sql), statements,
                warnings);
    }

    /**
     * Checks are queries whose answer the executor reads; a migration runs plain statements, so they
     * are left out. EXPECT_DETACHED guards a DROP after a DETACH that might have been interrupted:
     * here the DROP runs only when the DETACH before it succeeded. EXPECT_NO_ROWS (rows of the new
     * bound that may not be moved out of the default) becomes a warning, and the ATTACH itself fails
     * if such a row is there.
     */
    private static Optional<String> sql(Step step) {
        return switch (step.kind()) {
            case DDL, MOVE_ROWS -> Optional.of(step.sql());
            case EXPECT_DETACHED, EXPECT_NO_ROWS -> Optional.empty();
        };
    }

    /** A bound of the wrong kind would only fail at ATTACH with an SQL error: say it up front. */
    private void fits(Bound bound) {
        TableInfo.Strategy strategy = parent.strategy().orElseThrow();
        if (!BoundFit.fits(strategy, bound)) {
            String fit = switch (strategy) {
                case RANGE -> "a range partition (or a default partition)";
                case LIST -> "a list partition (or a default partition)";
                case HASH -> "a hash partition (a HASH table has no default partition)";
            };
            throw new PgpartException(ErrorCode.CONFIG, parent.name() + " is partitioned by " + strategy + ", so "
                    + BoundText.of(bound) + " does not fit it; nothing was changed: add " + fit);
        }
    }
}

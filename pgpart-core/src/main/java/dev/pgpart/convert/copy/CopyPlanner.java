package dev.pgpart.convert.copy;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.convert.Boundary;
import dev.pgpart.convert.ConvertPlan;
import dev.pgpart.plan.CalendarDomain;
import dev.pgpart.plan.RangeDomain;
import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code copy} strategy's preflight, pure: its phases with their SQL and locks, what is
 * carried over, estimates and blockers, from the same {@link dev.pgpart.convert.Source} the attach
 * strategy reads. {@code copy.prepare} refuses with the same {@link #blockers}, so {@code convert
 * plan} and the engine never disagree about what can be converted.
 */
public final class CopyPlanner {
    /** Rows a 2-core server copies per second while syncing, for the estimate only (bench/ measures it). */
    private static final long ROWS_PER_SECOND = 50_000;
    /** ... and reads per second in the verification (both tables). */
    private static final long VERIFY_ROWS_PER_SECOND = 500_000;

    private CopyPlanner() {
    }

    /**
     * Where the partitions the copy creates end for a time key: the upper bound of the last premade
     * slot. A row at or above it would land in the default partition (or fail without one). Empty
     * for numeric keys: their partitions are planned up to the highest key.
     */
    public static Optional<String> coveredUpTo(TableSpec spec, dev.pgpart.convert.Source.Col key, Instant now) {
        Optional<RangeDomain> d = Boundary.domain(spec, key);
        if (d.isEmpty() || !(d.get() instanceof CalendarDomain cal)) {
            return Optional.empty();
        }
        int premake = ((RangePolicy) spec.policy()).premake();
        return Optional.of(cal.literal(cal.upper(cal.slotOf(cal.ordinalAt(now)) + premake)));
    }

    /**
     * @param s         read with {@link #coveredUpTo} as the boundary, so {@code keys().atOrAboveBoundary()}
     *                  counts the rows that would land in the default partition
     * @param underWay  a copy conversion of the table has begun (its triggers are pgpart's own)
     */
    public static ConvertPlan plan(TableSpec spec, dev.pgpart.convert.Source s, Optional<String> coveredUpTo,
                                   boolean underWay) {
        List<ConvertPlan.Blocker> blockers = blockers(spec, s, coveredUpTo, underWay);
        List<ConvertPlan.Phase> phases = new ArrayList<>();
        if (s.info().kind() == TableInfo.Kind.TABLE && s.key().isPresent() && s.primaryKey().isPresent()) {
            phases.addAll(phases(spec, Source.of(s), s.key().get().name()));
        }
        long rows = Math.max(s.estimatedRows(), 0);
        Duration time = Duration.ofSeconds(Math.max(1, rows / ROWS_PER_SECOND + 2 * rows / VERIFY_ROWS_PER_SECOND));
        return new ConvertPlan(spec.table(), ConvertSpec.Strategy.COPY, Optional.empty(), phases, carried(s), blockers,
                ConvertPlan.warnings(s),
                time, s.tableBytes() + s.indexBytes());
    }

    private static List<ConvertPlan.Phase> phases(TableSpec spec, Source src, String key) {
        CopyNames n = new CopyNames(spec.table());
        QualifiedName t = spec.table();
        List<String> prepare = new ArrayList<>(NewParent.create(src, n, key, spec.policy().method().name()));
        prepare.add("-- then the partitions pgpart maintain would create, from the slot holding the smallest " + key
                + " on (premake " + (spec.policy() instanceof RangePolicy r ? r.premake() : 0) + ")"
                + (spec.defaultPartition() ? ", and the default partition" : ""));
        List<String> sync = SyncSql.install(n.forwardFunction(), t, n.newParent(), src.writable(), src.newPrimaryKey(key),
                src.newPrimaryKey(key), n.marker("sync trigger function"));
        BackfillSql b = new BackfillSql(t, n.newParent(), src.primaryKey(), src.primaryKey().stream().map(src::type).toList(),
                src.newPrimaryKey(key), src.writable());
        List<String> backfill = List.of("-- " + spec.convert().batchSize() + " rows per transaction, in primary-key order"
                + workers(spec.convert().backfillWorkers(), b)
                + spec.convert().maxRowsPerSecond().map(r -> ", at most " + r + " rows/s").orElse("") + ":", b.copy(false));
        List<String> indexes = new ArrayList<>();
        List<Source.Index> deferred = SecondaryIndexes.deferred(src);
        for (int i = 0; i < deferred.size(); i++) {
            indexes.add(SecondaryIndexes.createOnParent(n.newParent(), deferred.get(i)));
            indexes.add("-- then for each partition P of " + n.newParent() + ": CREATE INDEX CONCURRENTLY P_pgpart_ix" + i
                    + " ON P USING " + deferred.get(i).using() + "; ALTER INDEX "
                    + SecondaryIndexes.parentIndex(n.newParent(), deferred.get(i)).sql() + " ATTACH PARTITION P_pgpart_ix" + i);
        }
        List<String> verify = List.of("ANALYZE " + n.newParent().sql(),
                "-- row counts and an order-independent checksum per key range of " + t + " and " + n.newParent()
                        + ", in one REPEATABLE READ snapshot; the first range that differs stops the job before the swap");
        List<String> cutover = new ArrayList<>();
        cutover.add("LOCK TABLE " + t.sql() + ", " + n.newParent().sql() + " IN ACCESS EXCLUSIVE MODE");
        cutover.addAll(SyncSql.drop(n.forwardFunction(), t));
        cutover.add("ALTER TABLE " + t.sql() + " RENAME TO " + Sql.ident(n.oldKept().name()));
        cutover.add("ALTER TABLE " + n.newParent().sql() + " RENAME TO " + Sql.ident(t.name()));
        cutover.add("-- indexes renamed (the originals' get _pgpart_old), sequences owned by " + t + ", identity continued"
                + " from the original's last value, owner, grants, RLS and policies, views, user triggers and the comment"
                + " moved to " + t);
        cutover.addAll(SyncSql.install(n.reverseFunction(), t, n.oldKept(), src.writable(), src.primaryKey(),
                src.primaryKey(), n.marker("reverse sync trigger function")));
        return List.of(
                new ConvertPlan.Phase(PreparePhase.NAME, "ACCESS SHARE on " + t + " (CREATE TABLE ... LIKE) for a moment:"
                        + " reads and writes go on", prepare),
                new ConvertPlan.Phase(SyncPhase.NAME, "SHARE ROW EXCLUSIVE on " + t + " for CREATE TRIGGER (waits for writers"
                        + " in flight, under lock_timeout, retried): writers wait at most that moment", sync),
                new ConvertPlan.Phase(BackfillPhase.NAME, "ROW SHARE on " + t + " and FOR SHARE NOWAIT on each batch's rows for"
                        + " one batch: a writer of a row being copied waits at most one batch", backfill),
                new ConvertPlan.Phase(IndexesPhase.NAME, "nothing on " + t + "; SHARE UPDATE EXCLUSIVE on each new partition"
                        + " while CREATE INDEX CONCURRENTLY builds it (the sync trigger's writes go on), a moment under"
                        + " lock_timeout per attach", indexes),
                new ConvertPlan.Phase(VerifyPhase.NAME, "ACCESS SHARE on both tables while it reads them: reads and writes go on",
                        verify),
                new ConvertPlan.Phase(CutoverPhase.NAME, "ACCESS EXCLUSIVE on both tables for one short transaction under"
                        + " lock_timeout (retried): catalog work only, no row is read or written", cutover));
    }

    private static List<String> carried(dev.pgpart.convert.Source s) {
        List<String> out = new ArrayList<>();
        out.add("every row is copied into a new partitioned table that takes the name " + s.table() + " at the cut-over,"
                + " so the application's SQL does not change; the original is kept, synced back, until finalize");
        out.add("columns, defaults, CHECK and NOT NULL constraints, generated columns, storage, compression, column"
                + " comments and extended statistics (CREATE TABLE ... LIKE)");
        s.primaryKey().ifPresent(pk -> out.add("primary key " + pk.name() + " (" + String.join(", ", pk.columns()) + ")"
                + (s.key().isPresent() && !pk.columns().contains(s.key().get().name()) ? " becomes (" + String.join(", ",
                pk.columns()) + ", " + s.key().get().name() + "): a partitioned table's primary key must hold the partition key"
                : " is kept")));
        s.indexes().stream().filter(i -> i.constraint().isEmpty() || s.primaryKey().map(pk -> !pk.name()
                .equals(i.constraint().get())).orElse(true)).forEach(i -> out.add("index " + i.name()
                + (i.unique() ? ": built on the new table before the backfill" : ": built on the new table after the backfill"
                + " (copy.indexes, concurrently per partition)") + ", named like the original after the swap"));
        s.constraints().stream().filter(c -> c.type() == 'f').forEach(c -> out.add("foreign key " + c.name() + ": "
                + c.definition()));
        s.incomingFks().stream().filter(dev.pgpart.convert.Source.IncomingFk::hasKeyColumn).forEach(f -> out.add("foreign key "
                + f.name() + " of " + f.from() + ": re-created at the swap on (" + String.join(", ", f.fromColumns())
                + (f.toColumns().contains(s.key().map(dev.pgpart.convert.Source.Col::name).orElse("")) ? "" : ", "
                + s.key().map(dev.pgpart.convert.Source.Col::name).orElse("")) + ") referencing the new table, options kept,"
                + " NOT VALID, then validated; undo restores it. From then on an UPDATE of the key of a referenced row fails"
                + " unless the foreign key is ON UPDATE CASCADE"));
        s.columns().stream().filter(c -> c.sequence().isPresent()).forEach(c -> out.add(c.identity().isPresent()
                ? "identity column " + c.name() + ": the new table gets an identity continuing from the original's last value"
                : "sequence " + c.sequence().get().name() + " of " + c.name() + ": shared, owned by the new table after the swap"));
        out.add("owner " + s.info().properties().owner() + ", " + s.info().properties().grants().size() + " grant(s), row"
                + " level security and its policies, replica identity, statistics targets: set on the new table and its"
                + " partitions at the swap");
        s.comment().ifPresent(c -> out.add("table comment: moved to the new table"));
        s.triggers().stream().filter(tr -> !tr.name().equals(CopyNames.TRIGGER) && !tr.name().equals(CopyNames.TRUNCATE_TRIGGER))
                .forEach(tr -> out.add("trigger " + tr.name() + ": re-created on the new table at the swap (disabled on the kept"
                        + " original, so the reverse sync does not fire it twice)"));
        s.dependents().stream().filter(d -> !d.materialized()).forEach(d -> out.add("view " + d.name()
                + ": re-created on the new table at the swap (CREATE OR REPLACE VIEW)"));
        s.publications().forEach(p -> out.add("publication " + p + ": " + s.table() + " is in it again after the swap (the"
                + " kept original leaves it; undo puts the original back). A row filter or column list (PostgreSQL 15+)"
                + " is not carried: set it again. Without publish_via_partition_root, changes are published under the"
                + " partitions' names"));
        return out;
    }

    /** What stops a copy conversion, each with its fix. */
    public static List<ConvertPlan.Blocker> blockers(TableSpec spec, dev.pgpart.convert.Source s, Optional<String> coveredUpTo,
                                                     boolean underWay) {
        List<ConvertPlan.Blocker> out = new ArrayList<>();
        QualifiedName t = s.table();
        if (s.info().kind() != TableInfo.Kind.TABLE) {
            out.add(new ConvertPlan.Blocker(t + " is " + (s.info().isPartitioned() ? "already partitioned" : "not a plain table"),
                    s.info().isPartitioned() ? "nothing to convert: pgpart maintain maintains it" : "convert a plain table"));
            return out;
        }
        if (spec.key().isEmpty() || s.key().isEmpty()) {
            out.add(new ConvertPlan.Blocker(spec.key().map(k -> "key: " + k + " is not a column of " + t)
                    .orElse("no key: configured for " + t), "write the partition column's name as key: in its entry"));
            return out;
        }
        dev.pgpart.convert.Source.Col key = s.key().get();
        String k = Sql.ident(key.name());
        if (spec.convert().oldName().isPresent() || spec.convert().newName().isPresent()) {
            out.add(new ConvertPlan.Blocker("convert.names is set for " + t + ", and the copy strategy uses its own names"
                    + " (" + new CopyNames(t).newParent().name() + ", " + new CopyNames(t).oldKept().name() + ")",
                    "remove convert.names from its entry"));
        }
        if (s.primaryKey().isEmpty()) {
            out.add(new ConvertPlan.Blocker(t + " has no primary key: the backfill walks it and the sync triggers find rows"
                    + " by it", "add one: CREATE UNIQUE INDEX CONCURRENTLY, then ALTER TABLE ... ADD PRIMARY KEY USING INDEX"));
        }
        if (spec.policy() instanceof RangePolicy r && Boundary.domain(spec, key).isEmpty()) {
            out.add(new ConvertPlan.Blocker("key " + key.name() + " is " + key.type() + ", which interval " + r.interval()
                    + " cannot step over", "partition by a time or integer column"));
        }
        if (key.generated()) {
            out.add(new ConvertPlan.Blocker("key " + key.name() + " is a generated column", "partition by a stored, non-generated column"));
        }
        if (!key.notNull()) {
            out.add(new ConvertPlan.Blocker("the partition key " + key.name() + " of " + t + " allows NULL"
                    + (s.keys().hasNulls() ? " and holds NULLs" : "") + ", and a partitioned table's primary key must include"
                    + " it, which makes it NOT NULL: an application INSERT of a NULL would fail in the sync trigger",
                    (s.keys().hasNulls() ? "set the NULLs to a value, then " : "") + "without a long lock: ALTER TABLE " + t.sql()
                            + " ADD CONSTRAINT key_not_null CHECK (" + k + " IS NOT NULL) NOT VALID; ALTER TABLE " + t.sql()
                            + " VALIDATE CONSTRAINT key_not_null; ALTER TABLE " + t.sql() + " ALTER COLUMN " + k
                            + " SET NOT NULL (it reuses the validated check)"));
        }
        if (s.keys().atOrAboveBoundary() > 0) {
            out.add(new ConvertPlan.Blocker(s.keys().atOrAboveBoundary() + " row(s) have " + key.name() + " at or above "
                    + coveredUpTo.orElse("?") + " (highest " + s.keys().max().orElse("?") + "), where the partitions the copy"
                    + " creates end (premake " + ((RangePolicy) spec.policy()).premake() + "): they would land in the "
                    + (spec.defaultPartition() ? "default partition, which pgpart check reports as a problem"
                    : "default partition, and there is none: the copy would fail"),
                    "move or delete those rows, or raise premake until the partitions reach them, then plan again"));
        }
        if (s.inheritance()) {
            out.add(new ConvertPlan.Blocker(t + " is part of a table inheritance tree", "detach the inheritance (ALTER TABLE ... NO INHERIT) first"));
        }
        for (dev.pgpart.convert.Source.Con c : s.constraints()) {
            if ((c.type() == 'u' || c.type() == 'x') && !c.columns().contains(key.name())) {
                out.add(new ConvertPlan.Blocker("constraint " + c.name() + " " + c.definition() + " does not include the key "
                        + key.name() + ": a partitioned table cannot enforce it", "drop it, or re-create it with " + key.name()));
            }
        }
        for (dev.pgpart.convert.Source.Idx i : s.indexes()) {
            if (i.constraint().isEmpty() && i.unique() && !i.columns().contains(key.name())) {
                out.add(new ConvertPlan.Blocker("unique index " + i.name() + " does not include the key " + key.name()
                        + ": a partitioned table can only enforce uniqueness that includes the partition key",
                        "replace it with one on its columns plus " + key.name()));
            }
        }
        for (dev.pgpart.convert.Source.IncomingFk f : s.incomingFks()) {
            if (!f.hasKeyColumn()) {
                out.add(new ConvertPlan.Blocker("foreign key " + f.name() + " of " + f.from() + " (" + String.join(", ",
                        f.fromColumns()) + ") references " + t + "; a partitioned table can only be referenced through a key"
                        + " holding " + key.name() + ", and " + f.from() + " has no column " + key.name(), "add a column "
                        + key.name() + " to " + f.from() + " filled with the referenced rows' values, or drop the foreign key"));
            }
        }
        s.dependents().stream().filter(dev.pgpart.convert.Source.Dependent::materialized).forEach(d -> out.add(
                new ConvertPlan.Blocker("materialized view " + d.name() + " reads " + t + " and cannot be pointed at the new"
                        + " table in place", "drop it for the conversion and create it again afterwards")));
        if (!underWay) {
            s.triggers().stream().filter(tr -> tr.name().equals(CopyNames.TRIGGER) || tr.name().equals(CopyNames.TRUNCATE_TRIGGER))
                    .forEach(tr -> out.add(new ConvertPlan.Blocker(t + " already has a trigger " + tr.name()
                            + " that pgpart did not install", "rename it")));
        }
        return out;
    }

    /** What {@code backfill_workers} does for this key, as the plan's comment says it. */
    private static String workers(int workers, BackfillSql b) {
        if (workers == 1) {
            return "";
        }
        if (Slices.splittable(b.keyTypes())) {
            return ", " + workers + " sessions at once, each on its own slice of the " + String.join(", ", b.key()) + " range";
        }
        return ", one session: backfill_workers " + workers + " needs a single integer primary key, and ("
                + String.join(", ", b.key()) + ") is " + String.join(", ", b.keyTypes());
    }
}

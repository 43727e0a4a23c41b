package dev.pgpart.convert;

import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The {@code attach} strategy, pure: the old table becomes the partition holding every key below
 * the boundary, behind a validated range check, so ATTACH is metadata only and no row is copied.
 * Phase names are stable (jobs store them).
 */
public final class AttachPlanner {
    public static final String INDEXES = "attach.indexes";
    public static final String NOT_NULL = "attach.not_null";
    public static final String ROUTE = "attach.route";
    public static final String RANGE = "attach.range_check";
    public static final String SWAP = "attach.swap";
    public static final String VALIDATE_FKS = "attach.validate_fks";
    /** Rows a 2-core server scans per second in VALIDATE or CREATE INDEX, for the estimate only. */
    private static final long ROWS_PER_SECOND = 1_000_000;

    private AttachPlanner() {
    }

    public static ConvertPlan plan(TableSpec spec, Source s, Optional<String> boundary) {
        Names n = Names.of(spec);
        List<ConvertPlan.Blocker> blockers = blockers(spec, s, n, boundary);
        List<ConvertPlan.Phase> phases = new ArrayList<>();
        Optional<Source.Col> key = s.key();
        if (key.isPresent() && boundary.isPresent()) {
            compositeKey(s, key.get()).ifPresent(cols -> phases.add(new ConvertPlan.Phase(INDEXES,
                    "SHARE UPDATE EXCLUSIVE while the index builds: reads and writes go on", List.of(pkeyIndex(s, n, cols)))));
            if (!key.get().notNull()) {
                phases.add(new ConvertPlan.Phase(NOT_NULL, "ACCESS EXCLUSIVE for a moment to add the check (lock_timeout),"
                        + " then SHARE UPDATE EXCLUSIVE while VALIDATE scans: reads and writes go on", notNull(s, n, key.get())));
            }
            boolean routed = Outliers.routable(s);
            if (routed) {
                List<String> route = new ArrayList<>(Outliers.install(s, n, key.get(), boundary.get()));
                route.add("-- then, one transaction per batch, until no row at or above the boundary is left in " + s.table() + ":");
                route.add(Outliers.nextBatch(s, key.get(), boundary.get(), spec.convert().batchSize()));
                route.add(Outliers.batchLock(s));
                route.add(Outliers.moveBatch(s, n, key.get(), boundary.get()));
                phases.add(new ConvertPlan.Phase(ROUTE, "ACCESS EXCLUSIVE for a moment to add the trigger (lock_timeout); then"
                        + " EXCLUSIVE per batch while it moves its rows (" + s.keys().atOrAboveBoundary() + " now): reads go on,"
                        + " writes wait for the batch", route));
            }
            phases.add(new ConvertPlan.Phase(RANGE, "ACCESS EXCLUSIVE for a moment to add the check (lock_timeout), then"
                    + " SHARE UPDATE EXCLUSIVE while VALIDATE scans: reads and writes go on", range(s, n, key.get(), boundary.get())));
            List<String> swap = new ArrayList<>(swap(spec, s, n, key.get(), boundary.get(), routed));
            swap.add("-- then the partitions pgpart maintain would create from " + boundary.get() + " on (premake "
                    + ((RangePolicy) spec.policy()).premake() + ")" + (spec.defaultPartition() ? " and the default partition" : ""));
            if (routed) {
                swap.add("-- then the rows at or above the boundary, each into its partition:");
                swap.addAll(Outliers.settle(s.table(), s, n));
            }
            phases.add(new ConvertPlan.Phase(SWAP, "ACCESS EXCLUSIVE on the table for one short transaction under lock_timeout"
                    + " (retried): metadata only, no row is read or written", swap));
            List<String> fks = s.incomingFks().stream().filter(Source.IncomingFk::hasKeyColumn)
                    .map(f -> "ALTER TABLE " + f.from().sql() + " VALIDATE CONSTRAINT " + Sql.ident(f.name())).toList();
            if (!fks.isEmpty()) {
                phases.add(new ConvertPlan.Phase(VALIDATE_FKS, "SHARE UPDATE EXCLUSIVE on each referencing table, ROW SHARE"
                        + " on the partitions: reads and writes go on", fks));
            }
        }
        long rows = Math.max(s.estimatedRows(), 0);
        long scans = phases.stream().filter(p -> !p.name().equals(SWAP)).count();
        Duration time = Duration.ofSeconds(Math.max(1, rows * Math.max(1, scans) / ROWS_PER_SECOND));
        long extra = compositeKey(s, key.orElse(null)).isPresent() && s.estimatedRows() > 0
                ? s.indexBytes() / Math.max(1, s.indexes().size()) * 3 / 2 : 0;
        return new ConvertPlan(spec.table(), ConvertSpec.Strategy.ATTACH, boundary, phases, carried(spec, s, n), blockers,
                ConvertPlan.warnings(s),
                time, extra);
    }

    /** The primary key's columns plus the key, when the primary key does not have it. */
    static Optional<List<String>> compositeKey(Source s, Source.Col key) {
        if (key == null) {
            return Optional.empty();
        }
        return s.primaryKey().filter(pk -> !pk.columns().contains(key.name()))
                .map(pk -> Stream.concat(pk.columns().stream(), Stream.of(key.name())).toList());
    }

    static String pkeyIndex(Source s, Names n, List<String> cols) {
        return "CREATE UNIQUE INDEX CONCURRENTLY " + Sql.ident(n.pkeyIndex()) + " ON " + s.table().sql() + " (" + idents(cols) + ")";
    }

    static List<String> notNull(Source s, Names n, Source.Col key) {
        return List.of("ALTER TABLE " + s.table().sql() + " ADD CONSTRAINT " + Sql.ident(n.notNullCheck()) + " CHECK ("
                        + Sql.ident(key.name()) + " IS NOT NULL) NOT VALID",
                "COMMENT ON CONSTRAINT " + Sql.ident(n.notNullCheck()) + " ON " + s.table().sql() + " IS "
                        + Sql.literal(Names.MARKER + " NOT NULL of the key, replaced by SET NOT NULL at the swap"),
                "ALTER TABLE " + s.table().sql() + " VALIDATE CONSTRAINT " + Sql.ident(n.notNullCheck()));
    }

    static List<String> range(Source s, Names n, Source.Col key, String boundary) {
        return List.of("ALTER TABLE " + s.table().sql() + " ADD CONSTRAINT " + Sql.ident(n.rangeCheck()) + " CHECK ("
                        + Sql.ident(key.name()) + " < " + Sql.literal(boundary) + ") NO INHERIT NOT VALID",
                "COMMENT ON CONSTRAINT " + Sql.ident(n.rangeCheck()) + " ON " + s.table().sql() + " IS "
                        + Sql.literal(Names.MARKER + " range of the history partition, dropped at the swap"),
                "ALTER TABLE " + s.table().sql() + " VALIDATE CONSTRAINT " + Sql.ident(n.rangeCheck()));
    }

    /**
     * The swap, in order. Definitions of indexes, triggers and views were printed before the
     * renames, naming the table by its original name: run after the renames they apply to the new parent.
     */
    static List<String> swap(TableSpec spec, Source s, Names n, Source.Col key, String boundary, boolean routed) {
        QualifiedName t = s.table();
        QualifiedName old = n.oldTable();
        List<String> out = new ArrayList<>();
        out.add("LOCK TABLE " + t.sql() + " IN ACCESS EXCLUSIVE MODE");
        if (routed) {
            out.addAll(Outliers.detach(t, n));
        }
        List<Source.IncomingFk> fks = s.incomingFks().stream().filter(Source.IncomingFk::hasKeyColumn).toList();
        fks.forEach(f -> out.add("ALTER TABLE " + f.from().sql() + " DROP CONSTRAINT " + Sql.ident(f.name())));
        s.triggers().forEach(tr -> out.add("DROP TRIGGER " + Sql.ident(tr.name()) + " ON " + t.sql()));
        if (!key.notNull()) {
            out.add("ALTER TABLE " + t.sql() + " ALTER COLUMN " + Sql.ident(key.name()) + " SET NOT NULL");
            out.add("ALTER TABLE " + t.sql() + " DROP CONSTRAINT " + Sql.ident(n.notNullCheck()));
        }
        Optional<List<String>> composite = compositeKey(s, key);
        for (Source.Idx i : plainIndexes(s, n)) {
            out.add("ALTER INDEX " + t.sibling(i.name()).sql() + " RENAME TO " + Sql.ident(Names.derived(i.name(), "_old")));
        }
        Optional<Source.Con> pk = s.primaryKey();
        if (pk.isPresent() && composite.isPresent()) {
            out.add("ALTER TABLE " + t.sql() + " DROP CONSTRAINT " + Sql.ident(pk.get().name()));
            out.add("ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + Sql.ident(n.pkeyIndex()) + " PRIMARY KEY USING INDEX "
                    + Sql.ident(n.pkeyIndex()));
        } else if (pk.isPresent()) {
            out.add("ALTER TABLE " + t.sql() + " RENAME CONSTRAINT " + Sql.ident(pk.get().name()) + " TO " + Sql.ident(n.pkeyIndex()));
        }
        for (Source.Col c : s.columns()) {
            if (c.identity().isPresent()) {
                out.add("ALTER TABLE " + t.sql() + " ALTER COLUMN " + Sql.ident(c.name()) + " DROP IDENTITY");
            }
        }
        out.add("ALTER TABLE " + t.sql() + " RENAME TO " + Sql.ident(n.old()));
        // not INCLUDING CONSTRAINTS: it would copy the range check, NO INHERIT, which a partitioned table refuses
        out.add("CREATE TABLE " + t.sql() + " (LIKE " + old.sql() + " INCLUDING DEFAULTS"
                + " INCLUDING STORAGE INCLUDING COMMENTS INCLUDING GENERATED INCLUDING STATISTICS INCLUDING COMPRESSION)"
                + " PARTITION BY RANGE (" + Sql.ident(key.name()) + ")");
        out.addAll(checks(t, s, n));
        s.columns().forEach(c -> out.addAll(identity(t, c)));
        out.add("ALTER TABLE " + t.sql() + " ATTACH PARTITION " + old.sql() + " FOR VALUES FROM (MINVALUE) TO ("
                + Sql.literal(boundary) + ")");
        out.add("ALTER TABLE " + old.sql() + " DROP CONSTRAINT " + Sql.ident(n.rangeCheck()));
        if (pk.isPresent()) {
            List<String> cols = composite.orElse(pk.get().columns());
            out.add("ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + Sql.ident(pk.get().name()) + " PRIMARY KEY (" + idents(cols) + ")");
        }
        // pg_get_indexdef printed "CREATE INDEX <name> ON <schema>.<table> ...": now the parent; the old index is attached to it
        plainIndexes(s, n).forEach(i -> out.add(i.indexDef()));
        for (Source.Col c : s.columns()) {
            if (c.identity().isEmpty() && c.sequence().isPresent()) {
                out.add("ALTER SEQUENCE " + c.sequence().get().name().sql() + " OWNED BY " + t.sql() + "." + Sql.ident(c.name()));
            }
        }
        out.addAll(dev.pgpart.internal.exec.PropertiesSql.render(t, s.info(), s.currentUser()));
        s.comment().ifPresent(cm -> out.add("COMMENT ON TABLE " + t.sql() + " IS " + Sql.literal(cm)));
        s.triggers().forEach(tr -> out.add(tr.definition()));
        s.dependents().stream().filter(d -> !d.materialized())
                .forEach(d -> out.add("CREATE OR REPLACE VIEW " + d.name().sql() + " AS " + d.definition()));
        for (Source.IncomingFk f : fks) {
            List<String> from = Stream.concat(f.fromColumns().stream(), Stream.of(key.name())).toList();
            List<String> to = Stream.concat(f.toColumns().stream(), Stream.of(key.name())).toList();
            out.add(IncomingFks.add(f, t, from, to));
        }
        s.publications().forEach(p -> out.add("ALTER PUBLICATION " + Sql.ident(p) + " ADD TABLE " + t.sql()));
        return out;
    }

    /**
     * The table's own CHECK constraints on the parent, as LIKE INCLUDING CONSTRAINTS copies them
     * (valid; their comments stay on the history partition): the attach finds each there by name.
     */
    static List<String> checks(QualifiedName t, Source s, Names n) {
        List<String> out = new ArrayList<>();
        for (Source.Con c : s.constraints()) {
            if (c.type() != 'c' || c.name().equals(n.rangeCheck()) || c.name().equals(n.notNullCheck())) {
                continue;
            }
            String def = c.definition().endsWith(" NOT VALID")
                    ? c.definition().substring(0, c.definition().length() - " NOT VALID".length()) : c.definition();
            out.add("ALTER TABLE " + t.sql() + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + def);
        }
        return out;
    }

    /**
     * The identity of column {@code c} re-created on {@code t} with the same sequence name, continuing
     * where it was, with the sequence's grants: DROP IDENTITY dropped the sequence and its grants with it.
     * Nothing when {@code c} is not an identity column.
     */
    static List<String> identity(QualifiedName t, Source.Col c) {
        if (c.identity().isEmpty() || c.sequence().isEmpty()) {
            return List.of();
        }
        Source.Seq q = c.sequence().get();
        List<String> out = new ArrayList<>();
        out.add("ALTER TABLE " + t.sql() + " ALTER COLUMN " + Sql.ident(c.name()) + " ADD GENERATED "
                + (c.identity().get() == 'a' ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY (SEQUENCE NAME " + q.name().sql()
                + " INCREMENT BY " + q.increment() + " MINVALUE " + q.min() + " MAXVALUE " + q.max() + " START WITH "
                + q.next() + " CACHE " + q.cache() + (q.cycle() ? " CYCLE" : " NO CYCLE") + ")");
        for (Source.SeqGrant g : q.grants()) {
            out.add("GRANT " + sequencePrivilege(g.privilege()) + " ON SEQUENCE " + q.name().sql() + " TO "
                    + (g.grantee().equals("public") ? "PUBLIC" : Sql.ident(g.grantee())) + (g.grantable() ? " WITH GRANT OPTION" : ""));
        }
        return out;
    }

    /** Privilege names are keywords, not identifiers: only the three a sequence has are emitted. */
    private static String sequencePrivilege(String p) {
        return switch (p) {
            case "USAGE", "SELECT", "UPDATE" -> p;
            default -> throw new IllegalArgumentException("unknown sequence privilege '" + p + "'");
        };
    }

    /** Indexes that are not constraints: each gets a twin on the parent that adopts it. */
    static List<Source.Idx> plainIndexes(Source s, Names n) {
        return s.indexes().stream().filter(i -> i.constraint().isEmpty() && !i.name().equals(n.pkeyIndex())).toList();
    }

    private static String action(char code) {
        return switch (code) {
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            case 'r' -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    static String idents(List<String> cols) {
        return cols.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    private static List<String> carried(TableSpec spec, Source s, Names n) {
        List<String> out = new ArrayList<>();
        out.add("every row stays where it is: " + s.table() + " becomes partition " + n.oldTable() + " FROM (MINVALUE); the"
                + " parent takes the name " + s.table() + ", so the application's SQL does not change");
        out.add("columns, defaults, CHECK constraints, generated columns, storage, compression, column comments and"
                + " extended statistics (" + (s.statistics().isEmpty() ? "none" : String.join(", ", s.statistics()))
                + "): copied to the parent with CREATE TABLE (LIKE ...)");
        s.primaryKey().ifPresent(pk -> out.add("primary key " + pk.name() + " (" + String.join(", ", pk.columns()) + ")"
                + compositeKey(s, s.key().orElse(null)).map(c -> " becomes (" + String.join(", ", c) + "): a partitioned table's"
                + " primary key must hold the partition key, so uniqueness of (" + String.join(", ", pk.columns())
                + ") alone is no longer enforced across partitions").orElse(" is kept on the parent")));
        plainIndexes(s, n).forEach(i -> out.add("index " + i.name() + ": re-created on the parent, adopting the existing index"
                + " (renamed " + Names.derived(i.name(), "_old") + ") without a build"));
        s.columns().stream().filter(c -> c.sequence().isPresent()).forEach(c -> out.add((c.identity().isPresent()
                ? "identity column " + c.name() + ": moved to the parent, sequence " + c.sequence().get().name() + " continues at "
                + c.sequence().get().next() : "sequence " + c.sequence().get().name() + " of " + c.name() + ": owned by the parent")));
        out.add("owner " + s.info().properties().owner() + ", " + s.info().properties().grants().size() + " grant(s)"
                + (s.info().properties().rowSecurity() ? ", row level security" : "")
                + (s.info().properties().forceRowSecurity() ? " (FORCE)" : "") + ", " + s.info().properties().policies().size()
                + " polic(ies), replica identity, statistics targets: set on the parent");
        s.comment().ifPresent(c -> out.add("table comment: set on the parent"));
        s.triggers().forEach(tr -> out.add("trigger " + tr.name() + ": moved to the parent (PostgreSQL clones it to every partition)"));
        s.dependents().stream().filter(d -> !d.materialized()).forEach(d -> out.add("view " + d.name()
                + ": re-created on the parent with its definition (CREATE OR REPLACE VIEW, same OID)"));
        s.incomingFks().stream().filter(Source.IncomingFk::hasKeyColumn).forEach(f -> out.add("foreign key " + f.name() + " of "
                + f.from() + ": re-created as (" + String.join(", ", f.fromColumns()) + ", " + s.key().map(Source.Col::name).orElse("?")
                + ") referencing the parent, NOT VALID at the swap, validated after"));
        s.publications().forEach(p -> out.add("publication " + p + ": the parent is added (the old table stays in it as a partition)"));
        return out;
    }

    private static List<ConvertPlan.Blocker> blockers(TableSpec spec, Source s, Names n, Optional<String> boundary) {
        List<ConvertPlan.Blocker> out = new ArrayList<>();
        QualifiedName t = s.table();
        if (s.info().kind() != TableInfo.Kind.TABLE) {
            out.add(new ConvertPlan.Blocker(t + " is " + (s.info().isPartitioned() ? "already partitioned" : "not a plain table"),
                    s.info().isPartitioned() ? "nothing to convert: pgpart maintain maintains it" : "convert a plain table"));
            return out;
        }
        if (spec.key().isEmpty()) {
            out.add(new ConvertPlan.Blocker("no key: configured for " + t, "add key: <column> (the partition column) to its entry"));
            return out;
        }
        if (s.key().isEmpty()) {
            out.add(new ConvertPlan.Blocker("key: " + spec.key().get() + " is not a column of " + t, "write the partition column's name"));
            return out;
        }
        Source.Col key = s.key().get();
        if (!(spec.policy() instanceof RangePolicy)) {
            out.add(new ConvertPlan.Blocker("attach needs a RANGE table (interval:); " + t + " is configured as "
                    + spec.policy().method(), "configure interval:, or use --strategy copy"));
        } else if (boundary.isEmpty()) {
            out.add(new ConvertPlan.Blocker("key " + key.name() + " is " + key.type() + ", which interval "
                    + ((RangePolicy) spec.policy()).interval() + " cannot step over", "partition by a time or integer column"));
        }
        if (key.generated()) {
            out.add(new ConvertPlan.Blocker("key " + key.name() + " is a generated column", "partition by a stored, non-generated column"));
        }
        if (s.keys().hasNulls()) {
            out.add(new ConvertPlan.Blocker("key " + key.name() + " holds NULLs: a range partition cannot hold them",
                    "set or delete them (UPDATE " + t.sql() + " SET " + Sql.ident(key.name()) + " = ... WHERE " + Sql.ident(key.name())
                            + " IS NULL), then run again: the conversion then adds CHECK (" + Sql.ident(key.name()) + " IS NOT NULL)"
                            + " NOT VALID, VALIDATEs it and SET NOT NULL reuses it, without a long lock"));
        }
        if (s.keys().atOrAboveBoundary() > 0 && !Outliers.routable(s)) {
            out.add(new ConvertPlan.Blocker(s.keys().atOrAboveBoundary() + " row(s) have " + key.name() + " at or above the boundary "
                    + boundary.orElse("?") + " (highest " + s.keys().max().orElse("?") + "): attach keeps only keys below it in the"
                    + " old table and moves the others only when nothing observes the move, but " + Outliers.notRoutable(s),
                    "move or delete those rows first, or convert with --strategy copy"));
        } else if (s.keys().atOrAboveBoundary() > 0 && !spec.defaultPartition()) {
            out.add(new ConvertPlan.Blocker(s.keys().atOrAboveBoundary() + " row(s) have " + key.name() + " at or above the boundary "
                    + boundary.orElse("?") + " (highest " + s.keys().max().orElse("?") + "), and without a default partition"
                    + " those beyond the premade partitions would have none to go to at the swap",
                    "set default: true for " + t + ", or move or delete those rows first"));
        }
        if (s.inheritance()) {
            out.add(new ConvertPlan.Blocker(t + " is part of a table inheritance tree", "detach the inheritance (ALTER TABLE ... NO INHERIT) first"));
        }
        for (Source.Con c : s.constraints()) {
            if ((c.type() == 'u' || c.type() == 'x') && !c.columns().contains(key.name())) {
                out.add(new ConvertPlan.Blocker("constraint " + c.name() + " " + c.definition() + " does not include the key "
                        + key.name() + ": a partitioned table cannot enforce it", "drop it, or re-create it with " + key.name()));
            }
        }
        for (Source.Idx i : plainIndexes(s, n)) {
            if (i.unique() && !i.columns().contains(key.name())) {
                out.add(new ConvertPlan.Blocker("unique index " + i.name() + " does not include the key " + key.name()
                        + ": a partitioned table cannot enforce it", "drop it, or re-create it with " + key.name()));
            }
            if (!i.valid()) {
                out.add(new ConvertPlan.Blocker("index " + i.name() + " is invalid (an interrupted CREATE INDEX CONCURRENTLY)",
                        "DROP INDEX CONCURRENTLY " + t.sibling(i.name()).sql() + ", or REINDEX it"));
            }
        }
        for (Source.IncomingFk f : s.incomingFks()) {
            if (!f.hasKeyColumn()) {
                out.add(new ConvertPlan.Blocker("foreign key " + f.name() + " of " + f.from() + " (" + String.join(", ", f.fromColumns())
                        + ") references " + t + " (" + String.join(", ", f.toColumns()) + "), ON DELETE " + action(f.onDelete())
                        + "; a partitioned table can only be referenced through a key holding " + key.name() + ", and "
                        + f.from() + " has no column " + key.name(), "add a column " + key.name() + " to " + f.from()
                        + " filled with the referenced rows' values, or drop the foreign key"));
            }
        }
        s.dependents().stream().filter(Source.Dependent::materialized).forEach(d -> out.add(new ConvertPlan.Blocker(
                "materialized view " + d.name() + " reads " + t + " and would keep reading only the history partition",
                "drop it before the conversion and re-create it after")));
        s.triggers().stream().filter(Source.Trig::constraintTrigger).forEach(tr -> out.add(new ConvertPlan.Blocker(
                "constraint trigger " + tr.name() + " cannot be moved automatically", "drop it before and re-create it on the parent after")));
        if (s.info().properties().replicaIdentity() == 'i') {
            out.add(new ConvertPlan.Blocker("replica identity USING INDEX cannot be carried to the parent",
                    "set REPLICA IDENTITY DEFAULT or FULL before, and USING INDEX on the partitions after"));
        }
        return out;
    }
}

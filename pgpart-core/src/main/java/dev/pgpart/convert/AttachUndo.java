package dev.pgpart.convert;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.exec.Backoff;
import dev.pgpart.internal.exec.SqlState;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code convert undo} of the attach strategy, from any phase until finalize. Before the swap it drops
 * the checks and the composite key index the conversion added; after it, it makes the history
 * partition the plain table again with every row written since (see {@link AttachUndoPlan}).
 */
public final class AttachUndo {
    private static final Logger LOG = LoggerFactory.getLogger(AttachUndo.class);
    private final TableSpec table;
    private final Names names;
    private final StateSchema schema;
    private final String kind;

    /** @param kind the job kind conversions run as (their checkpoint holds what the swap changed) */
    public AttachUndo(TableSpec table, StateSchema schema, String kind) {
        this.table = table;
        this.names = Names.of(table);
        this.schema = schema;
        this.kind = kind;
    }

    /** @return the statements run ({@code consent}) or that would run */
    public List<String> undo(Connection c, boolean consent) throws SQLException {
        if (!isPartitioned(c)) {
            return beforeSwap(c, consent);
        }
        Map<String, String> checkpoint = swapCheckpoint(c);
        AttachUndoPlan plan = inTransaction(c, () -> plan(c, checkpoint));
        if (!consent) {
            return plan.all();
        }
        List<String> done = new ArrayList<>();
        for (String sql : plan.concurrently()) {
            done.add(buildUndoPkeyIndex(c, sql));
        }
        done.addAll(retried(c, "the swap back", () -> {
            execute(c, List.of("LOCK TABLE " + table.table().sql() + " IN ACCESS EXCLUSIVE MODE"));
            // read again under the lock: writes since the dry read (new partitions, sequence values) count
            AttachUndoPlan now = plan(c, checkpoint);
            execute(c, now.swapBack());
            return now.swapBack();
        }));
        for (String sql : plan.validate()) {
            done.addAll(retried(c, "VALIDATE of a re-created foreign key", () -> {
                execute(c, List.of(sql));
                return List.of(sql);
            }));
        }
        JobRunner.cancel(c, schema, table.table().toString(), "undone by convert undo");
        // the jobs described a conversion that no longer exists: a later run starts afresh
        JobRunner.forget(c, schema, kind, table.table().toString());
        LOG.info("{}: conversion undone after the swap; {} is a plain table again", table.table(), table.table());
        return done;
    }

    private AttachUndoPlan plan(Connection c, Map<String, String> checkpoint) throws SQLException {
        Source parent = SourceReader.read(c, table.table(), table.key(), (k, max) -> Optional.empty(), false).orElseThrow();
        return AttachUndoPlan.of(parent, history(c), checkpoint);
    }

    /** The checkpoint of the job that swapped; refuses a partitioned table that is not an attach conversion's result. */
    private Map<String, String> swapCheckpoint(Connection c) throws SQLException {
        Optional<Job> job = JobRunner.recent(c, schema, 1000).stream()
                .filter(j -> j.kind().equals(kind) && j.target().equals(table.table().toString())
                        && "true".equals(j.checkpoint().get(AttachUndoPlan.SWAPPED)))
                .findFirst();
        if (job.isEmpty() || !attached(c)) {
            throw new PgpartException(ErrorCode.UNSAFE, table.table() + " is partitioned, but not by a conversion pgpart can undo"
                    + " (no attach job that swapped it" + (job.isPresent() ? "" : " in " + schema.name() + ".job")
                    + ", or " + names.oldTable() + " is not its partition). Nothing was changed");
        }
        return job.get().checkpoint();
    }

    private List<String> beforeSwap(Connection c, boolean consent) throws SQLException {
        List<String> routed = unroute(c);
        if (consent && !routed.isEmpty()) {
            // one transaction: the rows go back, the range check that would refuse them, the trigger and the child go
            retried(c, "moving the rows at or above the boundary back", () -> {
                execute(c, routed);
                return routed;
            });
        }
        List<String> sql = new ArrayList<>();
        for (String check : List.of(names.rangeCheck(), names.notNullCheck())) {
            if (!routed.isEmpty() && check.equals(names.rangeCheck())) {
                continue; // dropped with the routing
            }
            if (exists(c, "SELECT 1 FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace s"
                    + " ON s.oid = r.relnamespace WHERE s.nspname = ? AND r.relname = ? AND k.conname = ?", table.table(), check)) {
                sql.add("ALTER TABLE " + table.table().sql() + " DROP CONSTRAINT " + Sql.ident(check));
            }
        }
        // marked when the build finished; an invalid index of that name is one a killed CONCURRENTLY build left
        if (exists(c, "SELECT 1 FROM pg_class i JOIN pg_namespace s ON s.oid = i.relnamespace JOIN pg_index x"
                + " ON x.indexrelid = i.oid WHERE s.nspname = ? AND i.relname = ? AND i.relkind = 'i' AND (NOT x.indisvalid"
                + " OR obj_description(i.oid, 'pg_class') LIKE 'pgpart:convert%') AND ? IS NOT NULL",
                table.table().sibling(names.pkeyIndex()), names.pkeyIndex())) {
            sql.add("DROP INDEX CONCURRENTLY " + table.table().sibling(names.pkeyIndex()).sql());
        }
        if (consent) {
            for (String x : sql) {
                if (x.startsWith("DROP INDEX CONCURRENTLY")) {
                    execute(c, List.of(x)); // not in a transaction block; it waits for no lock writers hold
                    continue;
                }
                retried(c, x, () -> {
                    execute(c, List.of(x));
                    return List.of(x);
                });
            }
            JobRunner.cancel(c, schema, table.table().toString(), "undone by convert undo");
        }
        List<String> all = new ArrayList<>(routed);
        all.addAll(sql);
        return all;
    }

    /** What undoes the routing stage (nothing when the inheritance child does not exist). */
    private List<String> unroute(Connection c) throws SQLException {
        if (!AttachJob.exists(c, names.above())) {
            return List.of();
        }
        Source s = inTransaction(c, () -> SourceReader.read(c, table.table(), table.key(), (k, max) -> Optional.empty(), false)
                .orElseThrow());
        boolean check = exists(c, "SELECT 1 FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace s"
                + " ON s.oid = r.relnamespace WHERE s.nspname = ? AND r.relname = ? AND k.conname = ?", table.table(), names.rangeCheck());
        return Outliers.undo(s, names, check ? Optional.of(names.rangeCheck()) : Optional.empty());
    }

    /** Repeatable: an index a killed build left invalid is dropped and built again; a valid one is kept. */
    private String buildUndoPkeyIndex(Connection c, String create) throws SQLException {
        QualifiedName idx = table.table().sibling(AttachUndoPlan.undoPkeyIndex(table.table()));
        Optional<Boolean> valid;
        try (PreparedStatement ps = c.prepareStatement("SELECT x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                + " JOIN pg_namespace s ON s.oid = i.relnamespace WHERE s.nspname = ? AND i.relname = ?")) {
            ps.setString(1, idx.schema());
            ps.setString(2, idx.name());
            try (ResultSet rs = ps.executeQuery()) {
                valid = rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
        if (valid.orElse(false)) {
            return create;
        }
        try (Statement st = c.createStatement()) {
            if (valid.isPresent()) {
                st.execute("DROP INDEX CONCURRENTLY " + idx.sql());
            }
            LOG.info("{}: building {} concurrently for the original primary key", table.table(), idx.name());
            st.execute(create);
            st.execute("COMMENT ON INDEX " + idx.sql() + " IS " + Sql.literal(Names.MARKER + " original primary key, for undo"));
        }
        return create;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            return work.run();
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** One transaction under the table's lock_timeout, retried with backoff on lock timeouts and deadlocks. */
    private List<String> retried(Connection c, String what, Work<List<String>> work) throws SQLException {
        Duration lockTimeout = table.lockTimeout();
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            try {
                execute(c, List.of("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout)));
                List<String> out = work.run();
                c.commit();
                return out;
            } catch (SQLException e) {
                c.rollback();
                if (!SqlState.of(e).retryable() || attempt >= AttachJob.ATTEMPTS || !Backoff.sleep(Duration.ofMillis(200), attempt)) {
                    throw new PgpartException(ErrorCode.DATABASE, table.table() + ": undo stopped at " + what + ": SQLSTATE "
                            + e.getSQLState() + " " + e.getMessage() + ". That transaction was rolled back, so the table is as"
                            + " it was before it; run convert undo again", e);
                }
                LOG.info("{}: {} did not get its lock within {} (attempt {} of {}), retrying", table.table(), what, lockTimeout,
                        attempt, AttachJob.ATTEMPTS);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void execute(Connection c, List<String> sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                LOG.debug("{}: {}", table.table(), s);
                st.execute(s);
            }
        }
    }

    /** The history partition's primary key, which parent index each of its other indexes is attached to, its publications. */
    private AttachUndoPlan.History history(Connection c) throws SQLException {
        QualifiedName old = names.oldTable();
        Optional<String> pk = strings(c, "SELECT k.conname FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid"
                + " JOIN pg_namespace s ON s.oid = r.relnamespace WHERE s.nspname = ? AND r.relname = ? AND k.contype = 'p'", old)
                .stream().findFirst();
        Map<String, String> parents = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT ci.relname, pi.relname FROM pg_index x JOIN pg_class ci ON ci.oid = x.indexrelid
                JOIN pg_inherits h ON h.inhrelid = ci.oid JOIN pg_class pi ON pi.oid = h.inhparent
                JOIN pg_class r ON r.oid = x.indrelid JOIN pg_namespace s ON s.oid = r.relnamespace
                WHERE s.nspname = ? AND r.relname = ?
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = ci.oid AND k.conrelid = r.oid)
                ORDER BY 1""")) {
            ps.setString(1, old.schema());
            ps.setString(2, old.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parents.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<String> pubs = strings(c, "SELECT p.pubname FROM pg_publication p JOIN pg_publication_rel pr ON pr.prpubid = p.oid"
                + " JOIN pg_class r ON r.oid = pr.prrelid JOIN pg_namespace s ON s.oid = r.relnamespace"
                + " WHERE s.nspname = ? AND r.relname = ? ORDER BY 1", old);
        return new AttachUndoPlan.History(old, pk, parents, pubs);
    }

    private boolean isPartitioned(Connection c) throws SQLException {
        return !strings(c, "SELECT 1 FROM pg_class r JOIN pg_namespace s ON s.oid = r.relnamespace WHERE s.nspname = ?"
                + " AND r.relname = ? AND r.relkind = 'p'", table.table()).isEmpty();
    }

    /** The history partition is attached to the table. */
    private boolean attached(Connection c) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_inherits h JOIN pg_class r ON r.oid = h.inhrelid JOIN pg_namespace s"
                + " ON s.oid = r.relnamespace WHERE s.nspname = ? AND r.relname = ? AND h.inhparent = ?::regclass",
                names.oldTable(), table.table().sql());
    }

    private static List<String> strings(Connection c, String sql, QualifiedName t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String sql, QualifiedName t, String third) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            ps.setString(3, third);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}

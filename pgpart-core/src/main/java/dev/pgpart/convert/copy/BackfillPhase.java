package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code copy.backfill}: copies the rows that existed before the sync trigger, in primary-key
 * order, one batch per transaction committed with its position, throttled on request.
 *
 * <h2>Why no write is lost and no deleted row comes back</h2>
 * The trigger (installed by {@code copy.sync}, which waited for every writer in flight) applies
 * each write to the new table in the writer's own transaction. The upper bound is the greatest key
 * after that, so rows above it were all written through the trigger. Each batch, in READ COMMITTED:
 * <ol>
 *   <li>finds the key {@code end} of the {@code n}-th row above {@code last} (no lock); </li>
 *   <li>reads the rows with key in {@code (last, end]} with {@code FOR SHARE NOWAIT} and inserts those
 *       the trigger has not written yet, in one statement and transaction (see {@link BackfillSql#copy}
 *       for how a trigger row committed meanwhile is handled).</li>
 * </ol>
 * Take any row R of the range and a writer W that updates or deletes it:
 * <ul>
 *   <li>W committed before the batch's snapshot: the batch reads W's version (or nothing, for a
 *       delete), and W's trigger already put exactly that into the new table: the anti-join keeps it.</li>
 *   <li>W holds R's row lock when the batch reads it: NOWAIT fails the batch, which rolls back and is
 *       retried later. The batch never waits for a writer, so it can never be part of a deadlock.</li>
 *   <li>W comes after the batch locked R: W waits (at most one batch) until the batch commits; its
 *       trigger's DELETE then sees the copied row and removes or replaces it. This is the case that
 *       a plain {@code INSERT ... SELECT} gets wrong: without the lock, W's trigger would run while the
 *       copy of R is uncommitted and invisible to it, delete nothing, and the batch's commit would
 *       bring a deleted row back (or an old version of an updated one).</li>
 * </ul>
 * Rows inserted while a batch runs are invisible to it if uncommitted, and already in the new table
 * if committed. The trigger upserts, so where the batch copied first, the trigger's newer version
 * wins. A killed batch is rolled back with its checkpoint; the retry copies the same range again.
 * An {@code end} found in step 1 is independent of row versions: a row whose key an update moved
 * out of {@code (last, end]} is re-checked against the range under the lock and left to the trigger.
 */
final class BackfillPhase implements JobPhase {
    static final String NAME = "copy.backfill";
    /** Below deadlock_timeout's default (1 s): if the batch ever waits, it is the one that gives up. */
    static final Duration BATCH_LOCK_WAIT = Duration.ofMillis(500);
    private static final String UNIQUE_VIOLATION = "23505";
    private final CopySettings s;
    private final BatchHook hook;

    /** Runs inside each batch's transaction after the copy (tests stop the runner there). */
    @FunctionalInterface
    interface BatchHook {
        void afterCopy(Connection c, long batch) throws SQLException;

        BatchHook NONE = (c, batch) -> {
        };
    }

    BackfillPhase(CopySettings s, BatchHook hook) {
        this.s = s;
        this.hook = hook;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(JobContext ctx) throws SQLException {
        BackfillSql sql = sql(ctx);
        if (!ctx.job().checkpoint().containsKey("backfill.bound")) {
            start(ctx, sql);
        }
        Map<String, String> cp = ctx.job().checkpoint();
        if (cp.get("backfill.bound").equals("none")) {
            return; // the table was empty when the trigger was installed
        }
        List<String> bound = values(cp, "backfill.bound.", sql.key().size());
        while (!"true".equals(ctx.job().checkpoint().get("backfill.finished"))) {
            long started = System.nanoTime();
            long[] rows = new long[1];
            try {
                Tx.retrying(s.table(), "a backfill batch", () -> ctx.step(c -> batch(c, ctx.job().checkpoint(), sql, bound, rows,
                        false)));
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // a trigger row committed after the batch's snapshot (see BackfillSql.copy): the batch
                // was rolled back; the same range once more, skipping conflicts row by row
                Tx.retrying(s.table(), "a backfill batch", () -> ctx.step(c -> batch(c, ctx.job().checkpoint(), sql, bound, rows,
                        true)));
            }
            throttle(rows[0], started);
        }
    }

    private BackfillSql sql(JobContext ctx) throws SQLException {
        Source[] source = new Source[1];
        ctx.outsideTransaction(c -> {
            source[0] = SourceReader.read(c, s.table()).orElseThrow(() -> new PgpartException(ErrorCode.UNSAFE,
                    s.table() + " does not exist any more; the conversion cannot go on. Undo it"));
            return JobContext.Progress.of(0);
        });
        Source src = source[0];
        return new BackfillSql(s.table(), s.names().newParent(), src.primaryKey(),
                src.primaryKey().stream().map(src::type).toList(), src.newPrimaryKey(s.key()), src.writable());
    }

    /** Records the upper bound and the expected row count; after the trigger, so nothing escapes both. */
    private void start(JobContext ctx, BackfillSql sql) throws SQLException {
        ctx.step(c -> {
            Map<String, String> cp = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql.bound()); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    cp.put("backfill.bound", "set");
                    for (int i = 0; i < sql.key().size(); i++) {
                        cp.put("backfill.bound." + i, rs.getString(i + 1));
                    }
                } else {
                    cp.put("backfill.bound", "none");
                }
            }
            return new JobContext.Progress(0, cp);
        });
        ctx.total(estimate(ctx), "rows");
    }

    private long estimate(JobContext ctx) throws SQLException {
        long[] n = new long[1];
        ctx.outsideTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
                ps.setString(1, s.table().sql());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n[0] = rs.getLong(1);
                }
            }
            if (n[0] <= 0) {
                // never analyzed (-1) or really empty: count (a table never analyzed is rarely big)
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ONLY " + s.table().sql());
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n[0] = rs.getLong(1);
                }
            }
            return JobContext.Progress.of(0);
        });
        return n[0];
    }

    private JobContext.Progress batch(Connection c, Map<String, String> cp, BackfillSql sql, List<String> bound,
                                      long[] rows, boolean onConflict) throws SQLException {
        Tx.setLocalLockTimeout(c, BATCH_LOCK_WAIT.compareTo(s.lockTimeout()) < 0 ? BATCH_LOCK_WAIT : s.lockTimeout());
        // the driver reuses server-side prepared statements across batches; a generic plan knows
        // neither the range nor the offset, so each batch is planned for its own values
        Tx.exec(c, "SET LOCAL plan_cache_mode = force_custom_plan");
        int k = sql.key().size();
        boolean fromStart = !cp.containsKey("backfill.last.0");
        List<String> last = fromStart ? List.of() : values(cp, "backfill.last.", k);
        Optional<List<String>> end = end(c, sql, fromStart, last, bound, k);
        List<String> upTo = end.orElse(bound);
        try (PreparedStatement ps = c.prepareStatement(onConflict ? sql.copyOnConflict(fromStart) : sql.copy(fromStart))) {
            int p = bind(ps, 1, last);
            p = bind(ps, p, upTo);
            if (!onConflict) {
                p = bind(ps, p, last);
                bind(ps, p, upTo);
            }
            rows[0] = ps.executeUpdate();
        }
        long batchNo = Long.parseLong(cp.getOrDefault("backfill.batches", "0")) + 1;
        hook.afterCopy(c, batchNo);
        Map<String, String> next = new HashMap<>();
        for (int i = 0; i < k; i++) {
            next.put("backfill.last." + i, upTo.get(i));
        }
        next.put("backfill.batches", Long.toString(batchNo));
        if (end.isEmpty() || end.get().equals(bound)) {
            next.put("backfill.finished", "true");
        }
        return new JobContext.Progress(rows[0], next);
    }

    /** The key {@code batchSize} rows above {@code last}, or empty when fewer rows are left below the bound. */
    private Optional<List<String>> end(Connection c, BackfillSql sql, boolean fromStart, List<String> last,
                                       List<String> bound, int k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.end(fromStart))) {
            int p = bind(ps, 1, last);
            p = bind(ps, p, bound);
            ps.setLong(p, s.batchSize() - 1L);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= k; i++) {
                    out.add(rs.getString(i));
                }
                return Optional.of(out);
            }
        }
    }

    private static int bind(PreparedStatement ps, int from, List<String> values) throws SQLException {
        int p = from;
        for (String v : values) {
            ps.setString(p++, v);
        }
        return p;
    }

    private static List<String> values(Map<String, String> cp, String prefix, int k) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(cp.get(prefix + i));
        }
        return out;
    }

    /** Sleeps so that the batches average at most max_rows_per_second. */
    private void throttle(long rows, long startedNanos) {
        if (s.maxRowsPerSecond().isEmpty() || rows == 0) {
            return;
        }
        long wantedNanos = rows * 1_000_000_000L / s.maxRowsPerSecond().getAsLong();
        long left = wantedNanos - (System.nanoTime() - startedNanos);
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgpartException(ErrorCode.INTERNAL, s.table() + ": the backfill was interrupted; its"
                        + " progress is committed, run again to resume");
            }
        }
    }
}

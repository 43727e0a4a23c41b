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
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.pgpart.archive.SideSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <h2>Workers</h2>
 * With {@code backfill_workers} above 1 and a single integer key, the range up to the bound is cut
 * at the start into contiguous slices ({@link Slices}), each with its own cursor in the checkpoint,
 * so a resumed run goes on in every slice where it stopped. Each worker copies whole slices on its
 * own session and commits each batch with its slice's cursor; the argument above holds per batch,
 * whichever session runs it. The throttle is shared, progress adds up, and the phase returns only
 * when every worker has stopped, with every worker's failure kept.
 */
final class BackfillPhase implements JobPhase {
    static final String NAME = "copy.backfill";
    /** Below deadlock_timeout's default (1 s): if the batch ever waits, it is the one that gives up. */
    static final Duration BATCH_LOCK_WAIT = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(BackfillPhase.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SLICES = "backfill.slices";
    private final CopySettings s;
    private final SideSessions sessions;
    private final BatchHook hook;

    /** Runs inside each batch's transaction after the copy (tests stop the runner there). */
    @FunctionalInterface
    interface BatchHook {
        /** @param batch the batch's number within its slice (the whole range for one worker), from 1 */
        void afterCopy(Connection c, long batch) throws SQLException;

        BatchHook NONE = (c, batch) -> {
        };
    }

    /** @param sessions the workers' own sessions when {@code s.backfillWorkers()} is above 1 */
    BackfillPhase(CopySettings s, SideSessions sessions, BatchHook hook) {
        this.s = s;
        this.sessions = sessions;
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
        List<String> bound = Cursor.values(cp, "backfill.bound.", sql.key().size());
        Throttle throttle = new Throttle(s.table(), s.maxRowsPerSecond());
        if (!cp.containsKey(SLICES)) {
            copy(ctx, Optional.empty(), sql, new Cursor(Cursor.SERIAL, Optional.empty(), bound), throttle, new AtomicBoolean());
            return;
        }
        List<Cursor> open = new ArrayList<>();
        Optional<List<String>> floor = Optional.empty();
        for (int i = 0; i < Integer.parseInt(cp.get(SLICES)); i++) {
            Cursor slice = Cursor.slice(i, floor, List.of(cp.get("backfill.slice." + i + ".end")));
            if (!slice.finished(cp)) {
                open.add(slice);
            }
            floor = Optional.of(slice.bound());
        }
        parallel(ctx, sql, open, throttle);
    }

    /** Batches of {@code cursor} until its range is done, on {@code own} (or the job's connection), or until {@code stop}. */
    private void copy(JobContext ctx, Optional<Connection> own, BackfillSql sql, Cursor cursor, Throttle throttle,
                      AtomicBoolean stop) throws SQLException {
        Map<String, String> cp = new HashMap<>(ctx.job().checkpoint());
        while (!cursor.finished(cp) && !stop.get()) {
            long started = System.nanoTime();
            long[] rows = new long[1];
            Map<String, String> seen = Map.copyOf(cp);
            List<Map<String, String>> next = new ArrayList<>(1);
            try {
                Tx.retrying(s.table(), "a backfill batch", () -> step(ctx, own, c -> batch(c, seen, sql, cursor, rows, false, next)));
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // a trigger row committed after the batch's snapshot (see BackfillSql.copy): the batch
                // was rolled back; the same range once more, skipping conflicts row by row
                Tx.retrying(s.table(), "a backfill batch", () -> step(ctx, own, c -> batch(c, seen, sql, cursor, rows, true, next)));
            }
            cp.putAll(next.get(next.size() - 1));
            throttle.pace(rows[0], started);
        }
    }

    private static void step(JobContext ctx, Optional<Connection> own, JobContext.StepWork work) throws SQLException {
        if (own.isPresent()) {
            ctx.step(own.get(), work);
        } else {
            ctx.step(work);
        }
    }

    /**
     * One worker per open slice up to {@code backfill_workers}, each on a session of its own; the
     * slices are a queue, so fewer sessions than slices (a small pool) only means less parallelism.
     */
    private void parallel(JobContext ctx, BackfillSql sql, List<Cursor> open, Throttle throttle) throws SQLException {
        if (open.isEmpty()) {
            return; // every slice committed its last batch before the run stopped
        }
        ConcurrentLinkedQueue<Cursor> queue = new ConcurrentLinkedQueue<>(open);
        List<SideSessions.Side> sides = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            while (sides.size() < Math.min(s.backfillWorkers(), open.size())) {
                Optional<SideSessions.Side> side = sessions.open();
                if (side.isEmpty()) {
                    break;
                }
                sides.add(side.get());
            }
            if (sides.isEmpty()) {
                LOG.info("{}: no session for backfill workers, copying the {} open slices one after the other", s.table(), open.size());
                for (Cursor c = queue.poll(); c != null; c = queue.poll()) {
                    copy(ctx, Optional.empty(), sql, c, throttle, stop);
                }
                return;
            }
            LOG.info("{}: backfill with {} workers over {} open slices", s.table(), sides.size(), open.size());
            await(workers(ctx, sql, queue, sides, throttle, stop), stop);
        } finally {
            for (SideSessions.Side side : sides) {
                side.close();
            }
        }
    }

    private List<Future<Void>> workers(JobContext ctx, BackfillSql sql, ConcurrentLinkedQueue<Cursor> queue,
                                       List<SideSessions.Side> sides, Throttle throttle, AtomicBoolean stop) {
        ExecutorService pool = Executors.newFixedThreadPool(sides.size(), r -> {
            Thread t = new Thread(r, "pgpart-backfill-" + s.table().name());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> out = new ArrayList<>();
            for (SideSessions.Side side : sides) {
                out.add(pool.submit(() -> {
                    try {
                        for (Cursor c = queue.poll(); c != null && !stop.get(); c = queue.poll()) {
                            copy(ctx, Optional.of(side.connection()), sql, c, throttle, stop);
                        }
                        return null;
                    } catch (SQLException | RuntimeException e) {
                        stop.set(true); // the others finish their batch and stop: the run fails as a whole
                        throw e;
                    }
                }));
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Waits for every worker, also when interrupted (the workers are told to stop after their batch,
     * and the job's lock is not given up while one still writes); the first failure is thrown with
     * the others suppressed.
     */
    private void await(List<Future<Void>> workers, AtomicBoolean stop) throws SQLException {
        Exception first = null;
        boolean interrupted = false;
        for (Future<Void> w : workers) {
            while (true) {
                try {
                    w.get();
                    break;
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            PgpartException e = new PgpartException(ErrorCode.INTERNAL, s.table() + ": the backfill was interrupted;"
                    + " every worker has stopped and every committed batch is kept, run again to resume");
            if (first != null) {
                e.addSuppressed(first);
            }
            throw e;
        }
        if (first instanceof SQLException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
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

    /**
     * Records the upper bound and the expected row count; after the trigger, so nothing escapes
     * both. With several workers and a key that can be cut, the slices' ends too, in the same step.
     */
    private void start(JobContext ctx, BackfillSql sql) throws SQLException {
        ctx.step(c -> {
            Map<String, String> cp = new HashMap<>();
            Optional<List<String>> bound = first(c, sql.bound(), sql.key().size());
            if (bound.isEmpty()) {
                cp.put("backfill.bound", "none");
                return new JobContext.Progress(0, cp);
            }
            cp.put("backfill.bound", "set");
            for (int i = 0; i < sql.key().size(); i++) {
                cp.put("backfill.bound." + i, bound.get().get(i));
            }
            if (s.backfillWorkers() > 1) {
                cp.putAll(slices(c, sql, bound.get()));
            }
            return new JobContext.Progress(0, cp);
        });
        ctx.total(estimate(ctx), "rows");
    }

    private Map<String, String> slices(Connection c, BackfillSql sql, List<String> bound) throws SQLException {
        if (!Slices.splittable(sql.keyTypes())) {
            LOG.info("{}: primary key {} ({}) is not a single integer column: one backfill slice, so one worker",
                    s.table(), sql.key(), sql.keyTypes());
            return Map.of();
        }
        String min = first(c, sql.least(), 1).orElseThrow().get(0);
        List<String> ends = Slices.ends(min, bound.get(0), s.backfillWorkers());
        Map<String, String> cp = new HashMap<>();
        cp.put(SLICES, Integer.toString(ends.size()));
        for (int i = 0; i < ends.size(); i++) {
            cp.put("backfill.slice." + i + ".end", ends.get(i));
        }
        return cp;
    }

    private static Optional<List<String>> first(Connection c, String query, int k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
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

    private JobContext.Progress batch(Connection c, Map<String, String> cp, BackfillSql sql, Cursor cursor,
                                      long[] rows, boolean onConflict, List<Map<String, String>> out) throws SQLException {
        Tx.setLocalLockTimeout(c, BATCH_LOCK_WAIT.compareTo(s.lockTimeout()) < 0 ? BATCH_LOCK_WAIT : s.lockTimeout());
        // the driver reuses server-side prepared statements across batches; a generic plan knows
        // neither the range nor the offset, so each batch is planned for its own values
        Tx.exec(c, "SET LOCAL plan_cache_mode = force_custom_plan");
        Optional<List<String>> lastKey = cursor.last(cp);
        boolean fromStart = lastKey.isEmpty();
        List<String> last = lastKey.orElse(List.of());
        List<String> bound = cursor.bound();
        Optional<List<String>> end = end(c, sql, fromStart, last, bound);
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
        long batchNo = cursor.batches(cp) + 1;
        hook.afterCopy(c, batchNo);
        Map<String, String> next = cursor.after(upTo, batchNo, end.isEmpty() || end.get().equals(bound));
        out.add(next);
        // progress counts the rows the batch went over, copied or already there (the sync trigger
        // wrote them first): done then reaches the table's size, whatever the writers did meanwhile
        long covered = end.isPresent() ? Math.max(rows[0], s.batchSize()) : rows[0];
        return new JobContext.Progress(covered, next);
    }

    /** The key {@code batchSize} rows above {@code last}, or empty when fewer rows are left below the bound. */
    private Optional<List<String>> end(Connection c, BackfillSql sql, boolean fromStart, List<String> last,
                                       List<String> bound) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.end(fromStart))) {
            int p = bind(ps, 1, last);
            p = bind(ps, p, bound);
            ps.setLong(p, s.batchSize() - 1L);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= bound.size(); i++) {
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
}

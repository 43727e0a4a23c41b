package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.archive.SideSessions;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The {@code copy} strategy: a new partitioned table beside the original, kept in sync by row
 * triggers, backfilled in primary-key order, verified, then swapped in under the original's name,
 * with a reverse trigger keeping the original current so that {@link #undo} loses nothing until
 * {@link #finalize}. Run {@link #phases} with {@link JobRunner} (kind {@value #JOB_KIND}, target
 * {@code table.toString()}, params {@link #params()}).
 *
 * <p>Every method expects a connection prepared by {@code Session.configure} (autocommit, UTC) and
 * leaves it in autocommit. The role must own the table (or be superuser): the sync functions run
 * as it.
 */
public final class CopyConversion {
    public static final String JOB_KIND = "convert";
    public static final String STRATEGY = "copy";
    /** The last phase before the swap: a job done here is "ready for cut-over". */
    public static final String VERIFY = VerifyPhase.NAME;
    public static final String CUTOVER = CutoverPhase.NAME;

    private final StateSchema schema;
    private final CopySettings s;
    private final SideSessions sessions;
    private final BackfillPhase.BatchHook hook;

    /**
     * @param table            the table to convert (a plain table with a primary key)
     * @param keyColumn        the partition key column (NOT NULL)
     * @param spec             how the result is partitioned, as {@code pgpart maintain} will keep it
     * @param batchSize        rows per backfill transaction
     * @param maxRowsPerSecond backfill throttle
     * @param lockTimeout      for every DDL and the swap; attempts are retried with backoff
     */
    public CopyConversion(StateSchema schema, QualifiedName table, String keyColumn, TableSpec spec, int batchSize,
                          OptionalLong maxRowsPerSecond, Duration lockTimeout) {
        this(schema, table, keyColumn, spec, batchSize, maxRowsPerSecond, lockTimeout, Clock.systemUTC());
    }

    /** @param clock the planner's "now" for the partitions (premake is counted from it) */
    public CopyConversion(StateSchema schema, QualifiedName table, String keyColumn, TableSpec spec, int batchSize,
                          OptionalLong maxRowsPerSecond, Duration lockTimeout, Clock clock) {
        this(schema, new CopySettings(table, keyColumn, spec, batchSize, maxRowsPerSecond, lockTimeout, clock),
                SideSessions.NONE, BackfillPhase.BatchHook.NONE);
    }

    /**
     * @param backfillWorkers sessions copying slices of the key space at once (1 to 16); more than 1
     *                        needs {@code sessions}, and a key that cannot be cut uses one
     * @param sessions        where the workers get their own sessions (the job's data source)
     */
    public CopyConversion(StateSchema schema, QualifiedName table, String keyColumn, TableSpec spec, int batchSize,
                          OptionalLong maxRowsPerSecond, Duration lockTimeout, Clock clock, int backfillWorkers,
                          SideSessions sessions) {
        this(schema, new CopySettings(table, keyColumn, spec, batchSize, maxRowsPerSecond, lockTimeout, clock,
                backfillWorkers), sessions, BackfillPhase.BatchHook.NONE);
    }

    CopyConversion(StateSchema schema, CopySettings s, SideSessions sessions, BackfillPhase.BatchHook hook) {
        this.schema = schema;
        this.s = s;
        this.sessions = sessions;
        this.hook = hook;
    }

    /** What the job is started with; a resumed job must have the same. */
    public Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("strategy", STRATEGY);
        p.put("key", s.key());
        p.put("batch_size", Integer.toString(s.batchSize()));
        // not the throttle: it may change between runs (a cut-over run need not repeat it)
        return p;
    }

    /** {@code copy.prepare}, {@code copy.sync}, {@code copy.backfill}, {@code copy.indexes}, {@code copy.verify}, then {@code copy.cutover} if asked. */
    public List<JobPhase> phases(boolean cutover) {
        List<JobPhase> out = new ArrayList<>(List.of(new PreparePhase(s), new SyncPhase(s), new BackfillPhase(s, sessions, hook),
                new IndexesPhase(s), new VerifyPhase(s)));
        if (cutover) {
            out.add(new CutoverPhase(s));
        }
        return List.copyOf(out);
    }

    /** Up to "ready for cut-over" (verified). */
    public List<JobPhase> phases() {
        return phases(false);
    }

    /** Runs the phases with a {@link JobRunner} on {@code c}: a convenience for callers without their own runner. */
    public Job run(Connection c, String owner, boolean cutover) {
        return new JobRunner(schema, owner).run(c, JOB_KIND, s.table().toString(), params(), phases(cutover));
    }

    public CopyState state(Connection c) throws SQLException {
        return CopyState.of(c, s);
    }

    /**
     * Back to the original table with every write made in the meantime, from any phase before
     * {@link #finalize}. Before the swap: the sync trigger and its function and the new table are
     * dropped. After it: the swap back (one transaction under lock_timeout, retried), then the new
     * table is dropped in the same transaction. Nothing to undo is not an error.
     * Stop the job's runner first: this does not take its lock (the caller, {@code convert undo}, does).
     *
     * @return the state it found
     */
    public CopyState undo(Connection c) throws SQLException {
        CopyState[] found = new CopyState[1];
        Tx.retrying(s.table(), "undo", () -> Tx.transaction(c, s.lockTimeout(), tx -> {
            found[0] = CopyState.of(tx, s);
            switch (found[0]) {
                case SWAPPED -> Swap.back(tx, s);
                case COPYING -> dropCopy(tx);
                case NONE -> {
                }
            }
        }));
        if (found[0] == CopyState.SWAPPED) {
            // after the swap back, outside it: the referencing tables' scans must not hold its locks
            Tx.retrying(s.table(), "VALIDATE of the restored foreign keys", () -> Tx.transaction(c, s.lockTimeout(), tx -> {
                for (String sql : dev.pgpart.convert.IncomingFks.validations(tx, s.table())) {
                    Tx.exec(tx, sql);
                }
            }));
        }
        return found[0];
    }

    /**
     * After the swap: drops the reverse sync trigger and function and the kept original
     * {@code <table>_pgpart_old} (only when it carries pgpart's marker). Refused before the swap.
     */
    public CopyState finalize(Connection c) throws SQLException {
        CopyState[] found = new CopyState[1];
        Tx.retrying(s.table(), "finalize", () -> Tx.transaction(c, s.lockTimeout(), tx -> {
            found[0] = CopyState.of(tx, s);
            if (found[0] == CopyState.COPYING) {
                throw new PgpartException(ErrorCode.UNSAFE, s.table() + " has not been swapped yet: finalize would"
                        + " leave nothing to undo to. Nothing was dropped; run the conversion with cut-over first,"
                        + " or undo it");
            }
            if (found[0] == CopyState.SWAPPED) {
                for (String sql : SyncSql.drop(s.names().reverseFunction(), s.table())) {
                    Tx.exec(tx, sql);
                }
                Tx.exec(tx, "DROP TABLE " + s.names().oldKept().sql());
            }
        }));
        return found[0];
    }

    /** What {@link #undo} would do now, in words and statements, for {@code convert undo} without consent. */
    public List<String> undoSteps(Connection c) throws SQLException {
        CopyNames n = s.names();
        return switch (CopyState.of(c, s)) {
            case NONE -> List.of();
            case COPYING -> {
                List<String> out = new ArrayList<>(SyncSql.drop(n.forwardFunction(), s.table()));
                out.add("DROP TABLE " + n.newParent().sql());
                yield out;
            }
            case SWAPPED -> List.of("-- one transaction under lock_timeout: " + s.table() + " is renamed "
                    + n.newParent().name() + " and the original " + n.oldKept() + " gets its name back, with every write made"
                    + " since the swap (the reverse sync trigger kept it current), its indexes' names, sequences, views,"
                    + " triggers, row level security and comment", "DROP TABLE " + n.newParent().sql());
        };
    }

    /** What {@link #finalize} would drop now; refused (UNSAFE) before the swap, like finalize itself. */
    public List<String> finalizeSteps(Connection c) throws SQLException {
        return switch (CopyState.of(c, s)) {
            case NONE -> List.of();
            case COPYING -> throw new PgpartException(ErrorCode.UNSAFE, s.table() + " has not been swapped yet: finalize"
                    + " comes after pgpart convert run " + s.table() + " --cutover (or undo it). Nothing was changed");
            case SWAPPED -> {
                List<String> out = new ArrayList<>(SyncSql.drop(s.names().reverseFunction(), s.table()));
                out.add("DROP TABLE " + s.names().oldKept().sql());
                yield out;
            }
        };
    }

    private void dropCopy(Connection c) throws SQLException {
        for (String sql : SyncSql.drop(s.names().forwardFunction(), s.table())) {
            Tx.exec(c, sql);
        }
        Optional<Long> fresh = SourceReader.oid(c, s.names().newParent());
        if (fresh.isPresent() && CopyChecks.marked(c, fresh.get())) {
            Tx.exec(c, "DROP TABLE " + s.names().newParent().sql());
        }
    }

    /** Phase, rows, rate and sync lag of the newest job on the table, with the state of its tables. */
    public CopyStatus status(Connection c) throws SQLException {
        CopyState state = CopyState.of(c, s);
        Optional<Job> job = JobRunner.recent(c, schema, 100).stream()
                .filter(j -> j.kind().equals(JOB_KIND) && j.target().equals(s.table().toString())).findFirst();
        if (job.isEmpty()) {
            return new CopyStatus(state, Optional.empty(), 0, OptionalLong.empty(), OptionalDouble.empty(), Duration.ZERO,
                    Optional.empty());
        }
        Job j = job.get();
        double seconds = Duration.between(j.createdAt(), j.heartbeat()).toMillis() / 1000.0;
        OptionalDouble rate = seconds > 0 ? OptionalDouble.of(j.done() / seconds) : OptionalDouble.empty();
        return new CopyStatus(state, Optional.of(j.phase()), j.done(), j.total(), rate, Duration.ZERO, j.error());
    }
}

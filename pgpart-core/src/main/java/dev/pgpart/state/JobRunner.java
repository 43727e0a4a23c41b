package dev.pgpart.state;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's phases in order, resuming an unfinished job of the same target where it stopped.
 * One runner per target at a time: a session advisory lock keyed by the target (not the
 * maintenance lock, so maintenance and long jobs do not block each other), held on the runner's
 * connection, so a killed process releases it and the next runner resumes.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** 'pgtj': the job lock namespace; the key is {@code hashtext(target)}. */
    static final int KEY_NAMESPACE = 0x7067746a;

    private final StateSchema schema;
    private final JobStore store;
    private final String owner;
    private final Listener listener;

    /** @param owner who runs it, for messages and the job row, e.g. {@code db1.internal pid 4242 (pgpart 0.1.0)} */
    public JobRunner(StateSchema schema, String owner) {
        this(schema, owner, Listener.NONE);
    }

    /** @param listener told the job's state after each committed step and at each phase start */
    public JobRunner(StateSchema schema, String owner, Listener listener) {
        this.schema = schema;
        this.store = new JobStore(schema);
        this.owner = owner;
        this.listener = listener;
    }

    /**
     * Progress of a running job, for progress lines; called after the commit, one call at a time, on
     * the runner's thread or, for a phase with parallel workers (the copy backfill), on a worker's.
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = job -> {
        };

        void progressed(Job job);
    }

    /** Work done while holding a job's lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} holding the job lock of {@code target} on {@code c}, the lock {@link #run}
     * holds, so it cannot overlap a runner of the same target (undo and finalize of a conversion).
     * The lock is re-entrant within a session: {@code work} may call {@link #run} for the same target.
     *
     * @throws PgpartException BUSY, naming the runner, when another session holds it
     */
    public <T> T withLock(Connection c, String target, LockedWork<T> work) {
        try {
            if (!tryLock(c, target)) {
                throw busy(c, target);
            }
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not take the job lock of " + target + ": " + e.getMessage(), e);
        }
        try {
            return work.run();
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, target + ": SQLSTATE " + e.getSQLState() + " " + e.getMessage(), e);
        } finally {
            unlock(c, target);
        }
    }

    /**
     * Starts a job on {@code target}, or resumes its unfinished one, and runs it to the end.
     *
     * @param c a connection in autocommit, used for everything (the lock lives on it)
     * @return the finished job
     * @throws PgpartException BUSY when another runner holds the target; UNSAFE when the target has
     *                         an unfinished job of another kind; the phase's error (the job is then failed, resumable)
     */
    public Job run(Connection c, String kind, String target, Map<String, String> params, List<JobPhase> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one phase");
        }
        schema.ensure(c);
        try {
            if (!tryLock(c, target)) {
                throw busy(c, target);
            }
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "could not take the job lock of " + target + ": " + e.getMessage(), e);
        }
        try {
            Job job = claim(c, kind, target, params, phases);
            return runPhases(c, job, phases);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "job " + kind + " on " + target + " stopped: SQLSTATE "
                    + e.getSQLState() + " " + e.getMessage() + ". Its progress up to the last committed step is kept;"
                    + " run it again to resume", e);
        } finally {
            unlock(c, target);
        }
    }

    private Job claim(Connection c, String kind, String target, Map<String, String> params, List<JobPhase> phases)
            throws SQLException {
        Optional<Job> existing = store.unfinished(c, target);
        if (existing.isEmpty()) {
            Job job = store.insert(c, kind, target, phases.get(0).name(), params, owner);
            LOG.info("{}: job {} #{} started", target, kind, job.id());
            return job;
        }
        Job old = existing.get();
        if (!old.kind().equals(kind)) {
            throw new PgpartException(ErrorCode.UNSAFE, target + " has an unfinished " + old.kind() + " job #" + old.id()
                    + " (phase " + old.phase() + ", " + old.state().sql() + "): finish it or cancel it before starting "
                    + kind + "; nothing was changed");
        }
        if (!old.params().equals(params)) {
            throw new PgpartException(ErrorCode.UNSAFE, target + " has an unfinished " + kind + " job #" + old.id()
                    + " started with " + old.params() + ", not " + params + ": resume it with the same settings, or"
                    + " cancel it first; nothing was changed");
        }
        LOG.info("{}: resuming job {} #{} at phase {} ({} {} done; last run by {}, {})", target, kind, old.id(), old.phase(),
                old.done(), old.unit(), old.owner(), old.state().sql());
        return store.take(c, old.id(), owner);
    }

    private Job runPhases(Connection c, Job start, List<JobPhase> phases) throws SQLException {
        int from = indexOf(phases, start.phase());
        Job job = start;
        for (int i = from; i < phases.size(); i++) {
            JobPhase phase = phases.get(i);
            if (!job.phase().equals(phase.name())) {
                job = store.phase(c, job.id(), phase.name());
            }
            listener.progressed(job);
            LOG.info("{}: job {} #{} phase {}", job.target(), job.kind(), job.id(), phase.name());
            Context ctx = new Context(c, job);
            try {
                phase.run(ctx);
            } catch (SQLException | RuntimeException e) {
                fail(c, ctx.job, phase, e);
                throw e;
            }
            job = ctx.job;
        }
        return store.finish(c, job.id(), Job.State.DONE, Optional.empty());
    }

    private void fail(Connection c, Job job, JobPhase phase, Exception e) {
        String why = "phase " + phase.name() + " failed: " + e.getMessage();
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            store.finish(c, job.id(), Job.State.FAILED, Optional.of(why));
        } catch (SQLException s) {
            // the connection is gone: the row stays 'running' with an old heartbeat, and the next runner resumes it
            e.addSuppressed(s);
            LOG.warn("{}: could not mark job #{} failed ({}); the next run resumes it", job.target(), job.id(), s.getMessage());
        }
    }

    private static int indexOf(List<JobPhase> phases, String name) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new PgpartException(ErrorCode.INTERNAL, "the job is at phase '" + name + "', which this pgpart does not"
                + " know (phases: " + phases.stream().map(JobPhase::name).toList() + "): it was started by another version");
    }

    /** The job's progress is committed with each step's work, on the runner's connection. */
    private final class Context implements JobContext {
        private final Connection c;
        private volatile Job job;

        Context(Connection c, Job job) {
            this.c = c;
            this.job = job;
        }

        @Override
        public Job job() {
            return job;
        }

        @Override
        public void step(StepWork work) throws SQLException {
            step(c, work);
        }

        @Override
        public void step(Connection on, StepWork work) throws SQLException {
            on.setAutoCommit(false);
            try {
                Progress p = work.run(on);
                Job after = store.progress(on, job.id(), p.done(), p.checkpoint());
                on.commit();
                progressed(after);
            } catch (SQLException | RuntimeException e) {
                on.rollback();
                throw e;
            } finally {
                on.setAutoCommit(true);
            }
        }

        /** Concurrent steps commit in some order: keep the newest row (done only grows), tell the listener one at a time. */
        private synchronized void progressed(Job after) {
            if (after.done() >= job.done()) {
                job = after;
            }
            listener.progressed(job);
        }

        @Override
        public void outsideTransaction(StepWork work) throws SQLException {
            Progress p = work.run(c);
            progressed(store.progress(c, job.id(), p.done(), p.checkpoint()));
        }

        @Override
        public void total(long units, String unit) throws SQLException {
            job = store.total(c, job.id(), units, unit);
        }
    }

    /** Marks the unfinished job of {@code target}, if any, cancelled (undo of a conversion); false when there was none. */
    public static boolean cancel(Connection c, StateSchema schema, String target, String why) throws SQLException {
        if (!schema.exists(c)) {
            return false;
        }
        JobStore store = new JobStore(schema);
        Optional<Job> job = store.unfinished(c, target);
        if (job.isPresent()) {
            store.finish(c, job.get().id(), Job.State.CANCELLED, Optional.of(why));
        }
        return job.isPresent();
    }

    /**
     * Marks the newest job of {@code kind} on {@code target} cancelled, finished or not (undo of a
     * conversion: a conversion that was ready for cut-over is not any more); false when there is none.
     */
    public static boolean cancelLatest(Connection c, StateSchema schema, String kind, String target, String why)
            throws SQLException {
        if (!schema.exists(c)) {
            return false;
        }
        JobStore store = new JobStore(schema);
        Optional<Job> job = store.latest(c, kind, target).filter(j -> j.state() != Job.State.CANCELLED);
        if (job.isPresent()) {
            store.finish(c, job.get().id(), Job.State.CANCELLED, Optional.of(why));
        }
        return job.isPresent();
    }

    /**
     * Makes the finished job {@code id} unfinished again at {@code phase}, with its progress and
     * checkpoint: a conversion that stopped at "ready for cut-over" goes on as the same job, so what
     * it did (the copy) is neither repeated nor counted twice. Call it holding the target's lock.
     */
    public static Job reopen(Connection c, StateSchema schema, long id, String phase) throws SQLException {
        JobStore store = new JobStore(schema);
        store.phase(c, id, phase);
        return store.reopen(c, id);
    }

    /** Deletes every job of {@code kind} on {@code target} (finalize of a conversion: its state is no longer needed). */
    public static int forget(Connection c, StateSchema schema, String kind, String target) throws SQLException {
        if (!schema.exists(c)) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + schema.table("job") + " WHERE kind = ? AND target = ?")) {
            ps.setString(1, kind);
            ps.setString(2, target);
            return ps.executeUpdate();
        }
    }

    /** Unfinished jobs and the newest finished ones, newest first; empty when the schema does not exist. */
    public static List<Job> recent(Connection c, StateSchema schema, int limit) throws SQLException {
        return schema.exists(c) ? new JobStore(schema).recent(c, limit) : List.of();
    }

    private static boolean tryLock(Connection c, String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, KEY_NAMESPACE);
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String target) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, KEY_NAMESPACE);
            ps.setString(2, target);
            ps.execute();
        } catch (SQLException e) {
            // released anyway when the session ends
            LOG.warn("{}: could not release the job lock: {}", target, e.getMessage());
        }
    }

    private PgpartException busy(Connection c, String target) throws SQLException {
        Optional<Job> job = schema.exists(c) ? store.unfinished(c, target) : Optional.empty();
        String who = job.map(j -> "job " + j.kind() + " #" + j.id() + " at phase " + j.phase() + ", run by " + j.owner()
                + " (backend pid " + j.ownerPid() + "), last heartbeat " + j.heartbeat()).orElse("another pgpart process");
        return new PgpartException(ErrorCode.BUSY, "another runner is working on " + target + ": " + who
                + ". Nothing was changed. Wait for it to finish; if it is stuck, end its session with"
                + " SELECT pg_terminate_backend(<pid>) and run again to resume");
    }
}

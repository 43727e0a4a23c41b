package dev.pgpart.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** What a running phase may do: look at its job, and do work with its progress committed atomically. */
public interface JobContext {
    /** The job as of the last committed step (checkpoint included). */
    Job job();

    /**
     * Runs {@code work} in one transaction with the job's progress: {@code done} units more, and
     * the checkpoint entries it returns. Either both commit or neither, so a resumed phase never
     * repeats or skips a step.
     */
    void step(StepWork work) throws SQLException;

    /**
     * {@link #step} on another connection to the job's database (a parallel worker's own session):
     * the work and the job's progress commit together on {@code c}. Safe to call from several
     * threads at once, each with its own connection; the progress of concurrent steps adds up.
     */
    void step(Connection c, StepWork work) throws SQLException;

    /**
     * Runs a statement PostgreSQL refuses inside a transaction block ({@code CREATE INDEX
     * CONCURRENTLY}, {@code DETACH ... CONCURRENTLY}), then records its progress. Not atomic with
     * it: the phase must be able to repeat it (check the catalog first when resuming).
     */
    void outsideTransaction(StepWork work) throws SQLException;

    /** Sets how many units the job has in all (for progress and ETA). */
    void total(long units, String unit) throws SQLException;

    /** The step's result: units done and checkpoint entries to merge. */
    record Progress(long done, Map<String, String> checkpoint) {
        public Progress {
            checkpoint = Map.copyOf(checkpoint);
        }

        public static Progress of(long done) {
            return new Progress(done, Map.of());
        }
    }

    @FunctionalInterface
    interface StepWork {
        Progress run(Connection c) throws SQLException;
    }
}

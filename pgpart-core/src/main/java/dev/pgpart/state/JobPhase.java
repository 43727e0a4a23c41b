package dev.pgpart.state;

import java.sql.SQLException;

/**
 * One phase of a job. A phase may be stopped at any point (a kill, a lost connection) and run
 * again: it reads where it got to from {@link JobContext#job()}'s checkpoint and does its work in
 * {@link JobContext#step steps}, each committed together with its progress.
 */
public interface JobPhase {
    /** A stable name, stored in the job row: renaming a phase breaks resuming older jobs. */
    String name();

    void run(JobContext ctx) throws SQLException;
}

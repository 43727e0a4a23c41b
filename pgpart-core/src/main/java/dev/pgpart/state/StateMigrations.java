package dev.pgpart.state;

import java.util.List;

/**
 * The state schema's upgrade steps, oldest first. A step is never edited once released: a change
 * is a new step. Each runs once, in one transaction with its version row.
 */
final class StateMigrations {
    static final int LATEST = 2;

    record Step(int version, String description, List<String> statements) {
    }

    private StateMigrations() {
    }

    static List<Step> steps(StateSchema s) {
        return List.of(new Step(1, "run history and jobs", List.of(
                "CREATE TABLE " + s.table("run") + " ("
                        + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " command text NOT NULL,"
                        + " started_at timestamptz NOT NULL DEFAULT now(),"
                        + " finished_at timestamptz,"
                        + " outcome text NOT NULL DEFAULT 'running'"
                        + "   CHECK (outcome IN ('running', 'ok', 'pending_consent', 'failed', 'interrupted')),"
                        + " application text NOT NULL,"
                        + " host text NOT NULL,"
                        + " db_user text NOT NULL DEFAULT current_user,"
                        + " backend_pid int NOT NULL DEFAULT pg_backend_pid(),"
                        + " pgpart_version text NOT NULL,"
                        + " config_hash text NOT NULL,"
                        + " tables text[] NOT NULL,"
                        + " applied int NOT NULL DEFAULT 0,"
                        + " skipped int NOT NULL DEFAULT 0,"
                        + " failed int NOT NULL DEFAULT 0,"
                        + " rows_moved bigint NOT NULL DEFAULT 0,"
                        + " error text)",
                "CREATE INDEX ON " + s.table("run") + " (started_at)",
                "CREATE TABLE " + s.table("run_action") + " ("
                        + " run_id bigint NOT NULL REFERENCES " + s.table("run") + " ON DELETE CASCADE,"
                        + " seq int NOT NULL,"
                        + " parent text NOT NULL,"
                        + " partition text NOT NULL,"
                        + " action text NOT NULL,"
                        + " outcome text NOT NULL,"
                        + " detail text NOT NULL,"
                        + " rows_moved bigint NOT NULL,"
                        + " attempts int NOT NULL,"
                        + " elapsed_ms bigint NOT NULL,"
                        + " PRIMARY KEY (run_id, seq))",
                "CREATE TABLE " + s.table("job") + " ("
                        + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                        + " kind text NOT NULL,"
                        + " target text NOT NULL,"
                        + " state text NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled')),"
                        + " phase text NOT NULL,"
                        + " done_units bigint NOT NULL DEFAULT 0,"
                        + " total_units bigint,"
                        + " unit text NOT NULL DEFAULT 'steps',"
                        + " params jsonb NOT NULL DEFAULT '{}',"
                        + " checkpoint jsonb NOT NULL DEFAULT '{}',"
                        + " owner text NOT NULL,"
                        + " owner_pid int NOT NULL,"
                        + " heartbeat_at timestamptz NOT NULL DEFAULT now(),"
                        + " created_at timestamptz NOT NULL DEFAULT now(),"
                        + " updated_at timestamptz NOT NULL DEFAULT now(),"
                        + " finished_at timestamptz,"
                        + " error text)",
                // one unfinished job per target: a failed one blocks others until resumed or cancelled
                "CREATE UNIQUE INDEX job_one_unfinished_per_target ON " + s.table("job")
                        + " (target) WHERE state IN ('running', 'failed')")),
                new Step(2, "archived partitions", List.of(
                        // one row per archive of a partition: its state, where it is and its manifest
                        "CREATE TABLE " + s.table("archive") + " ("
                                + " id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                                + " parent text NOT NULL,"
                                + " partition text NOT NULL,"
                                + " bound text NOT NULL,"
                                + " location text NOT NULL,"
                                + " state text NOT NULL"
                                + "   CHECK (state IN ('detached', 'exported', 'verified', 'dropped', 'restored')),"
                                + " rows bigint,"
                                + " bytes bigint,"
                                + " parts int,"
                                + " checksum text,"
                                + " manifest jsonb,"
                                + " job_id bigint,"
                                + " detached_at timestamptz NOT NULL DEFAULT now(),"
                                + " exported_at timestamptz,"
                                + " verified_at timestamptz,"
                                + " dropped_at timestamptz,"
                                + " restored_at timestamptz,"
                                + " updated_at timestamptz NOT NULL DEFAULT now())",
                        // one live archive per partition name; a restored one may be archived again later
                        "CREATE UNIQUE INDEX archive_one_per_partition ON " + s.table("archive")
                                + " (partition) WHERE state <> 'restored'",
                        "CREATE INDEX ON " + s.table("archive") + " (parent)")));
    }
}

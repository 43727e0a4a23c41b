package dev.pgpart.bench;

import java.time.LocalDate;
import java.util.Optional;

/** Drives pg_partman (4.x or 5.x) on an identical set of tables, when the extension is installed. */
final class Partman {
    private final BenchDb db;
    private final String version;

    private Partman(BenchDb db, String version) {
        this.db = db;
        this.version = version;
    }

    static Optional<Partman> install(BenchDb db) {
        if (db.count("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_partman'") == 0) {
            return Optional.empty();
        }
        db.exec("CREATE SCHEMA IF NOT EXISTS partman", "CREATE EXTENSION IF NOT EXISTS pg_partman SCHEMA partman");
        return Optional.of(new Partman(db, db.strings("SELECT extversion FROM pg_extension WHERE extname = 'pg_partman'").get(0)));
    }

    String version() {
        return version;
    }

    /** create_parent for every table: partitions from {@code start} to now + premake, plus a default. */
    void createParents(String schema, int tables, LocalDate start, int premake) {
        boolean v4 = version.startsWith("4.");
        for (int i = 0; i < tables; i++) {
            String call = "SELECT partman.create_parent(p_parent_table := '" + schema + "." + MaintenanceBench.tableName(i)
                    + "', p_control := 'created_at', p_interval := '1 month', p_premake := " + premake
                    + ", p_start_partition := '" + start + "'" + (v4 ? ", p_type := 'native'" : "") + ")";
            db.exec(call);
        }
        // Without this, pg_partman (4.x and 5.x) makes no new time partitions for tables that
        // receive no rows, so the "add one partition" phase would do nothing.
        db.exec("UPDATE partman.part_config SET infinite_time_partitions = true");
    }

    void runMaintenance() {
        db.exec("CALL partman.run_maintenance_proc()");
    }
}

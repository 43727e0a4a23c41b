package dev.pgpart.advise;

import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rows of pg_stat_statements for the current database, most total time first, in one query; or
 * why there are none to read.
 */
final class StatementStats {
    static final String CHECK = "pg_stat_statements";
    /** SQLSTATE object_not_in_prerequisite_state: installed, but not in shared_preload_libraries. */
    private static final String NOT_LOADED = "55000";

    private StatementStats() {
    }

    record Read(List<StatementStat> statements, List<AdviceReport.Note> notes) {
    }

    static Read read(Connection c, int limit) throws SQLException {
        Optional<String> schema = extensionSchema(c);
        if (schema.isEmpty()) {
            return new Read(List.of(), List.of(new AdviceReport.Note(CHECK, "not installed in this database, skipped:"
                    + " CREATE EXTENSION pg_stat_statements (with pg_stat_statements in shared_preload_libraries)"
                    + " to have statements that do not prune and emulated cascades reported")));
        }
        String sql = "SELECT query, calls, total_exec_time, rows FROM " + Sql.ident(schema.get()) + ".pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query IS NOT NULL"
                + " ORDER BY total_exec_time DESC LIMIT ?";
        // a failure to read must not abort a caller's transaction; in autocommit there is none
        Optional<Savepoint> sp = c.getAutoCommit() ? Optional.empty() : Optional.of(c.setSavepoint());
        List<StatementStat> out = new ArrayList<>();
        int hidden = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String q = rs.getString(1);
                    if (q.startsWith("<insufficient privilege>")) {
                        hidden++;
                    } else {
                        out.add(new StatementStat(q, rs.getLong(2), rs.getDouble(3), rs.getLong(4)));
                    }
                }
            }
        } catch (SQLException e) {
            if (!NOT_LOADED.equals(e.getSQLState())) {
                throw e;
            }
            if (sp.isPresent()) {
                c.rollback(sp.get());
            }
            return new Read(List.of(), List.of(new AdviceReport.Note(CHECK, "installed but not loaded, skipped ("
                    + e.getMessage() + "): add pg_stat_statements to shared_preload_libraries and restart the server")));
        }
        List<AdviceReport.Note> notes = hidden == 0 ? List.of() : List.of(new AdviceReport.Note(CHECK, hidden
                + " statement(s) of other users could not be read (their text is hidden): run as a member of"
                + " pg_read_all_stats to include them"));
        return new Read(out, notes);
    }

    private static Optional<String> extensionSchema(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_extension e"
                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ?")) {
            ps.setString(1, "pg_stat_statements");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}

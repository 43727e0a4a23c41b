package dev.pgpart.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The few SQL helpers the benchmark needs, plus server-side statement statistics. */
record BenchDb(DataSource dataSource) {

    void exec(String... sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    List<String> strings(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    long count(String sql) {
        return Long.parseLong(strings(sql).get(0));
    }

    /** Whether pg_stat_statements is loaded, so database time and query counts can be measured. */
    boolean hasStatementStats() {
        try {
            exec("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            strings("SELECT count(*) FROM pg_stat_statements");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    void resetStats() {
        exec("SELECT pg_stat_statements_reset()");
    }

    /** Statements and their total execution time since the last reset, without the benchmark's own. */
    ServerTime serverTime() {
        String sql = "SELECT coalesce(sum(calls), 0)::bigint || ' ' || coalesce(sum(total_exec_time), 0)::text "
                + "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND query NOT LIKE '%pg_stat_statements%'";
        String[] parts = strings(sql).get(0).split(" ");
        return new ServerTime(Long.parseLong(parts[0]), Double.parseDouble(parts[1]) / 1000.0);
    }

    record ServerTime(long statements, double seconds) {
    }
}

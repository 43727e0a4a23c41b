package dev.pgpart.advise;

import dev.pgpart.PgpartException;
import dev.pgpart.guard.ExplainOptions;
import dev.pgpart.guard.PruningAnalyzer;
import dev.pgpart.guard.PruningReport;
import dev.pgpart.guard.SqlText;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Explains pg_stat_statements texts with the pruning analyzer. Their constants are $n parameters
 * without values, and a plain generic plan (EXPLAIN GENERIC_PLAN) cannot tell {@code k = $1}, which
 * prunes when the executor starts, from no condition on the key at all. So each is prepared with
 * {@code plan_cache_mode = force_generic_plan} and explained as {@code EXECUTE name(NULL, ...)}: the
 * executor's start-up pruning with NULL keeps no partition of a table whose key the statement
 * compares to a parameter, and every partition of one it does not filter by its key. This works on
 * every supported major (14+). Nothing runs: PREPARE only parses, and EXPLAIN without ANALYZE only plans.
 */
final class StatementExplainer {
    private static final String NAME = "pgpart_advise_";

    private StatementExplainer() {
    }

    static List<StatementVerdict> explain(Connection c, List<StatementStat> statements) throws SQLException {
        if (statements.isEmpty()) {
            return List.of();
        }
        PruningAnalyzer analyzer = new PruningAnalyzer(OneConnection.of(c));
        String saved = setting(c, "plan_cache_mode");
        set(c, "plan_cache_mode", "force_generic_plan");
        try {
            List<StatementVerdict> out = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                out.add(verdict(c, analyzer, statements.get(i), NAME + i));
            }
            return out;
        } finally {
            set(c, "plan_cache_mode", saved);
        }
    }

    private static StatementVerdict verdict(Connection c, PruningAnalyzer analyzer, StatementStat s, String name)
            throws SQLException {
        try {
            SqlText text = SqlText.of(s.query());
            PruningReport r = text.parameterCount() == 0
                    ? analyzer.analyze(s.query(), List.of(), ExplainOptions.DEFAULT)
                    : prepared(c, analyzer, text, name);
            return r.ok() ? new StatementVerdict.Pruned(s) : new StatementVerdict.Scans(s, r.offenders());
        } catch (PgpartException e) {
            return new StatementVerdict.Unknown(s, e.getMessage());
        } catch (SQLException e) {
            return new StatementVerdict.Unknown(s, e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]");
        }
    }

    /** The statement text from the server's own statistics, prepared as such on purpose (like pgpart explain's SQL). */
    private static PruningReport prepared(Connection c, PruningAnalyzer analyzer, SqlText text, String name)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PREPARE " + Sql.ident(name) + " AS " + text.nativeSql());
        }
        try {
            String nulls = String.join(", ", Collections.nCopies(text.parameterCount(), "NULL"));
            return analyzer.analyze("EXECUTE " + Sql.ident(name) + "(" + nulls + ")", List.of(), ExplainOptions.DEFAULT);
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("DEALLOCATE " + Sql.ident(name));
            }
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void set(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, false)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }
}

package dev.pgpart.guard;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.QueryExecutor;

/**
 * Explains a statement and reports, per partitioned table it reads, how many partitions are left
 * after plan-time and run-time pruning. Without ANALYZE nothing runs but the plan; either way the
 * work happens in a transaction that is rolled back (read-only without ANALYZE), and the borrowed
 * connection gets its autocommit and read-only settings back.
 */
public final class PruningAnalyzer {
    private static final int GENERIC_PLAN_MAJOR = 16;
    private final DataSource dataSource;

    public PruningAnalyzer(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /**
     * @param params one value per parameter ({@code ?} in order, or {@code $1..$n}); empty for a
     *               generic plan (PostgreSQL 16+)
     * @throws PgpartException CONFIG for a statement or values that cannot be explained as given,
     *                         DATABASE with the server's message when the server refuses it
     */
    public PruningReport analyze(String sql, List<Param> params, ExplainOptions options) {
        SqlText text = SqlText.of(sql);
        checkValues(text, params);
        try (Connection c = dataSource.getConnection()) {
            return inRolledBackTransaction(c, options.analyze(), () -> explain(c, text, params, options));
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "cannot explain the statement: " + e.getMessage()
                    + " [SQLSTATE " + e.getSQLState() + "]. Nothing was changed: it ran in a transaction that was rolled back.", e);
        }
    }

    /** Java values as an application binds them; {@code null} is SQL NULL. */
    public PruningReport analyzeWithValues(String sql, List<?> values, ExplainOptions options) {
        return analyze(sql, values.stream().map(Param::of).toList(), options);
    }

    private static void checkValues(SqlText text, List<Param> params) {
        int needed = text.parameterCount();
        if (needed == 0 && !params.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, "the statement has no parameters but " + params.size()
                    + " value(s) were given: drop them, or write ? or $1 where they go");
        }
        if (!params.isEmpty() && params.size() != needed) {
            throw new PgpartException(ErrorCode.CONFIG, "the statement has " + needed + " parameter(s) but "
                    + params.size() + " value(s) were given: give one value per parameter, in order ($1 first)");
        }
    }

    private PruningReport explain(Connection c, SqlText text, List<Param> params, ExplainOptions options)
            throws SQLException {
        int version = serverVersion(c);
        ExplainMode mode = mode(text, params, options, version);
        String json = switch (mode) {
            case LITERAL -> plain(c, explainPrefix(options, false) + text.sql());
            case GENERIC_PLAN -> simpleProtocol(c, explainPrefix(options, true) + text.nativeSql());
            case BOUND_VALUES -> bound(c, explainPrefix(options, false) + text.jdbcSql(), text, params);
        };
        PlanNode plan = PlanNode.parseExplain(json);
        var trees = LeafRoots.read(c, PruningCounter.scannedRelations(plan));
        PruningCounter.Counts counts = PruningCounter.count(plan, trees, options.limits(), options.analyze());
        String shown = mode == ExplainMode.GENERIC_PLAN ? text.nativeSql() : text.sql();
        return new PruningReport(shown, params, mode, version, options.analyze(), counts.tables(),
                counts.unattributedRemoved(), plan);
    }

    private static ExplainMode mode(SqlText text, List<Param> params, ExplainOptions options, int version) {
        if (text.parameterCount() == 0) {
            return ExplainMode.LITERAL;
        }
        if (!params.isEmpty()) {
            return ExplainMode.BOUND_VALUES;
        }
        if (version / 10000 < GENERIC_PLAN_MAJOR) {
            throw new PgpartException(ErrorCode.CONFIG, "the statement has " + text.parameterCount()
                    + " parameter(s) and PostgreSQL " + version / 10000 + " has no EXPLAIN (GENERIC_PLAN) (16+):"
                    + " pass a value for each with --param, in order");
        }
        if (options.analyze()) {
            throw new PgpartException(ErrorCode.CONFIG, "--analyze runs the statement, so its "
                    + text.parameterCount() + " parameter(s) need values: pass each with --param, in order");
        }
        return ExplainMode.GENERIC_PLAN;
    }

    /** The option list is fixed text; the statement that follows is the user's SQL, run as such on purpose. */
    private static String explainPrefix(ExplainOptions options, boolean generic) {
        return "EXPLAIN (FORMAT JSON, VERBOSE" + (options.analyze() ? ", ANALYZE" : "")
                + (generic ? ", GENERIC_PLAN" : "") + ") ";
    }

    private static String plain(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return single(rs);
        }
    }

    /**
     * GENERIC_PLAN reads $n as "no value" only in a simple-protocol query: in the extended protocol
     * they are the message's own parameters, and a bound NULL would be planned as the constant NULL.
     */
    private static String simpleProtocol(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!s.isWrapperFor(BaseStatement.class)) {
                throw new PgpartException(ErrorCode.CONFIG, "a generic plan needs the PostgreSQL JDBC driver's"
                        + " simple query protocol, and this DataSource's statements are not pgjdbc's: give values for the parameters");
            }
            s.unwrap(BaseStatement.class).executeWithFlags(sql, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
            try (ResultSet rs = s.getResultSet()) {
                return single(rs);
            }
        }
    }

    private static String bound(Connection c, String sql, SqlText text, List<Param> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            List<Integer> order = text.jdbcBindOrder();
            for (int i = 0; i < order.size(); i++) {
                params.get(order.get(i) - 1).bind(ps, i + 1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return single(rs);
            }
        }
    }

    private static String single(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new PgpartException(ErrorCode.INTERNAL, "EXPLAIN returned no rows");
        }
        return rs.getString(1);
    }

    private static int serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction that is always rolled back (read-only unless {@code writes}),
     * then gives the connection back as it was borrowed. A caller's open transaction is not ours to
     * end: then the work runs inside a savepoint, rolled back the same way.
     */
    private static <T> T inRolledBackTransaction(Connection c, boolean writes, Work<T> work) throws SQLException {
        boolean ours = c.getAutoCommit();
        java.util.Optional<java.sql.Savepoint> savepoint = java.util.Optional.empty();
        if (ours) {
            c.setAutoCommit(false);
        } else {
            savepoint = java.util.Optional.of(c.setSavepoint());
        }
        T result;
        try {
            if (ours && !writes) {
                readOnly(c);
            }
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            undo(c, ours, savepoint, e);
            throw e;
        }
        undo(c, ours, savepoint, null);
        return result;
    }

    /** Rolls back; a failure to do so is thrown, or attached to the failure that is already on its way. */
    private static void undo(Connection c, boolean ours, java.util.Optional<java.sql.Savepoint> savepoint,
                             Exception primary) throws SQLException {
        try {
            if (savepoint.isPresent()) {
                c.rollback(savepoint.get());
            } else {
                c.rollback();
            }
            if (ours) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }

    private static void readOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
        }
    }
}

package dev.pgpart.guard.jdbc;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.guard.Param;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The runtime partition-key guard. It reads the database's partitioned tables and their keys once
 * ({@link #refresh()} reads them again), and checks each statement run through a
 * {@link #wrap(DataSource) wrapped} DataSource or Connection: one that reads, updates or deletes a
 * partitioned table without a predicate on its key is logged or rejected with an
 * {@link SQLException} whose SQLSTATE is {@value #SQLSTATE}.
 *
 * <pre>{@code
 * PartitionKeyGuard guard = PartitionKeyGuard.start(dataSource, GuardOptions.DEFAULT.withMode(GuardMode.LOG));
 * DataSource guarded = guard.wrap(dataSource);
 * }</pre>
 *
 * Decisions are cached per SQL text, so a prepared statement the application runs a million
 * times is parsed once. Thread-safe.
 */
public final class PartitionKeyGuard {
    /**
     * SQLSTATE of a rejected statement. Class "PG" lies in the implementation-defined range (a class
     * starting with I-Z) and is used by neither PostgreSQL nor pgjdbc.
     */
    public static final String SQLSTATE = "PGP01";

    private final DataSource source;
    private final GuardOptions options;
    private volatile Decisions decisions;

    private PartitionKeyGuard(DataSource source, GuardOptions options, Decisions decisions) {
        this.source = source;
        this.options = options;
        this.decisions = decisions;
    }

    /**
     * Reads the catalog through {@code source} (one query) and returns a guard ready to wrap it.
     *
     * @throws PgpartException DATABASE when the catalog cannot be read
     */
    public static PartitionKeyGuard start(DataSource source, GuardOptions options) {
        Objects.requireNonNull(source, "source");
        return new PartitionKeyGuard(source, options, load(source, options));
    }

    /**
     * A guard over a catalog you built rather than read (tests, benchmarks); {@code source} serves
     * EXPLAIN and {@link #refresh()}.
     */
    public static PartitionKeyGuard withCatalog(KeyCatalog catalog, DataSource source, GuardOptions options) {
        return new PartitionKeyGuard(source, options, new Decisions(catalog, options, source));
    }

    /** Reads the partitioned tables again (after a migration, say) and forgets every cached decision. */
    public void refresh() {
        decisions = load(source, options);
    }

    public GuardOptions options() {
        return options;
    }

    /** The partitioned tables as last read. */
    public KeyCatalog catalog() {
        return decisions.catalog();
    }

    /** How many distinct SQL texts have a cached decision. */
    public int cachedStatements() {
        return decisions.cachedCount();
    }

    /** What the text alone says about {@code sql} (not cached, no EXPLAIN): for tests and tools. */
    public Verdict judge(String sql) {
        return new StatementChecker(decisions.catalog()).check(sql);
    }

    /**
     * Checks one statement as the wrapper does before it runs, with no bound values.
     *
     * @throws SQLException with SQLSTATE {@value #SQLSTATE} when the mode is reject and the statement is rejected
     */
    public void check(String sql) throws SQLException {
        decisions.enforce(sql, List.of(), true);
    }

    /** A DataSource whose connections are guarded; with mode off, {@code target} itself. */
    public DataSource wrap(DataSource target) {
        return options.mode() == GuardMode.OFF ? target : GuardedJdbc.dataSource(target, this);
    }

    /** A guarded view of one connection; with mode off, {@code target} itself. */
    public Connection wrap(Connection target) {
        return options.mode() == GuardMode.OFF ? target : GuardedJdbc.connection(target, this);
    }

    /** @return whether the statement must be explained with its bound values before it can be decided */
    boolean beforePrepare(String sql) throws SQLException {
        return decisions.enforce(sql, List.of(), false);
    }

    void beforeExecute(String sql, List<Param> values) throws SQLException {
        decisions.enforce(sql, values, true);
    }

    private static Decisions load(DataSource source, GuardOptions options) {
        try (Connection c = source.getConnection()) {
            return new Decisions(KeyCatalog.read(c), options, source);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "the partition-key guard cannot read the partitioned tables: "
                    + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]. No statement is guarded yet; check the"
                    + " DataSource (URL, credentials, that the server is up) and start the guard again.", e);
        }
    }
}

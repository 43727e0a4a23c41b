package dev.pgpart.guard.jdbc.bench;

import dev.pgpart.guard.jdbc.GuardOptions;
import dev.pgpart.guard.jdbc.KeyCatalog;
import dev.pgpart.guard.jdbc.KeyedTable;
import dev.pgpart.guard.jdbc.PartitionKeyGuard;
import dev.pgpart.sql.QualifiedName;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the guard adds to one statement: {@code cached} is the steady state of an application
 * (the same SQL texts again and again), {@code uncached} the first sight of a text (a JSqlParser
 * parse and the walk). No database: the catalog is built by hand, and the statements are ones the
 * text can judge, so nothing is explained.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class GuardBench {
    @Param({"point", "join-cte"})
    public String statement;

    private String sql;
    private PartitionKeyGuard cached;
    private PartitionKeyGuard uncached;

    @Setup
    public void setUp() throws SQLException {
        KeyCatalog catalog = new KeyCatalog(Map.of(
                QualifiedName.of("public", "events"), new KeyedTable(QualifiedName.of("public", "events"), "range",
                        List.of(Optional.of("day"))),
                QualifiedName.of("public", "orders"), new KeyedTable(QualifiedName.of("public", "orders"), "hash",
                        List.of(Optional.of("tenant"), Optional.of("id")))), List.of("public"));
        sql = statement.equals("point")
                ? "SELECT id, kind, payload FROM events WHERE day = ? AND id = ?"
                : "WITH recent AS (SELECT * FROM events e WHERE e.day >= ? AND e.day < ?) "
                + "SELECT o.id, r.kind FROM orders o JOIN recent r ON r.order_id = o.id "
                + "WHERE o.tenant = ? AND o.id IN (SELECT order_id FROM refunds WHERE amount > ?)";
        // never used: every statement here is judged from its text
        javax.sql.DataSource none = new org.postgresql.ds.PGSimpleDataSource();
        cached = PartitionKeyGuard.withCatalog(catalog, none, GuardOptions.DEFAULT);
        uncached = PartitionKeyGuard.withCatalog(catalog, none, GuardOptions.DEFAULT.withCacheSize(0));
        cached.check(sql);
        uncached.check(sql);
    }

    /** A new String each time, as an ORM builds it: the lookup hashes and compares the whole text. */
    @Benchmark
    public void cached() throws SQLException {
        cached.check(new String(sql));
    }

    @Benchmark
    public void uncached() throws SQLException {
        uncached.check(sql);
    }
}

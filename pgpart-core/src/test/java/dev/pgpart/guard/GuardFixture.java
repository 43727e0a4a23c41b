package dev.pgpart.guard;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/** The partition trees the guard tests explain against, and a DataSource lending one connection. */
final class GuardFixture {
    static final String[] SCHEMA = {
        "CREATE TABLE events (id int NOT NULL, k int NOT NULL, v text) PARTITION BY RANGE (k)",
        "CREATE TABLE events_0 PARTITION OF events FOR VALUES FROM (0) TO (10)",
        "CREATE TABLE events_10 PARTITION OF events FOR VALUES FROM (10) TO (20)",
        "CREATE TABLE events_20 PARTITION OF events FOR VALUES FROM (20) TO (30) PARTITION BY LIST (id)",
        "CREATE TABLE events_20_a PARTITION OF events_20 FOR VALUES IN (1)",
        "CREATE TABLE events_20_rest PARTITION OF events_20 DEFAULT",
        "INSERT INTO events SELECT g, g % 30, 'x' FROM generate_series(1, 300) g",
        "CREATE TABLE regions (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region)",
        "CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('eu')",
        "CREATE TABLE regions_us PARTITION OF regions FOR VALUES IN ('us')",
        "CREATE TABLE regions_default PARTITION OF regions DEFAULT",
        "INSERT INTO regions SELECT g, CASE g % 3 WHEN 0 THEN 'eu' WHEN 1 THEN 'us' ELSE 'apac' END FROM generate_series(1, 30) g",
        "CREATE TABLE accounts (id bigint NOT NULL) PARTITION BY HASH (id)",
        "CREATE TABLE accounts_0 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 0)",
        "CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 1)",
        "CREATE TABLE accounts_2 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 2)",
        "CREATE TABLE accounts_3 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 3)",
        "CREATE TABLE plain (id int PRIMARY KEY)",
        "ANALYZE",
    };

    private GuardFixture() {
    }

    /** A DataSource that hands out {@code c} and never closes it, to see how the analyzer leaves a borrowed connection. */
    static DataSource single(Connection c) {
        Connection keepOpen = (Connection) Proxy.newProxyInstance(GuardFixture.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) ->
                        method.getName().equals("close") ? null : method.invoke(c, args));
        return (DataSource) Proxy.newProxyInstance(GuardFixture.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return keepOpen;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

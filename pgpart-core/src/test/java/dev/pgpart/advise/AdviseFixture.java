package dev.pgpart.advise;

/** A schema where every kind of advice fires, and the statements the "application" ran on it. */
public final class AdviseFixture {
    public static final String[] SCHEMA = {
        // range: an index on two of three partitions, a partitioned index attached nowhere (invalid)
        "CREATE TABLE events (id int NOT NULL, k int NOT NULL, v text) PARTITION BY RANGE (k)",
        "CREATE TABLE events_0 PARTITION OF events FOR VALUES FROM (0) TO (10)",
        "CREATE TABLE events_10 PARTITION OF events FOR VALUES FROM (10) TO (20)",
        "CREATE TABLE events_20 PARTITION OF events FOR VALUES FROM (20) TO (30)",
        "INSERT INTO events SELECT g, g % 30, 'x' FROM generate_series(1, 300) g",
        "CREATE INDEX events_0_v ON events_0 (v)",
        "CREATE INDEX events_10_v ON events_10 (v)",
        "CREATE INDEX events_id ON ONLY events (id)",
        // list: one value holds most rows, and the default partition has some
        "CREATE TABLE regions (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region)",
        "CREATE TABLE regions_eu PARTITION OF regions FOR VALUES IN ('eu')",
        "CREATE TABLE regions_us PARTITION OF regions FOR VALUES IN ('us')",
        "CREATE TABLE regions_apac PARTITION OF regions FOR VALUES IN ('apac')",
        "CREATE TABLE regions_default PARTITION OF regions DEFAULT",
        "INSERT INTO regions SELECT g, CASE WHEN g <= 1800 THEN 'eu' WHEN g <= 1900 THEN 'us' WHEN g <= 1950 THEN 'apac'"
                + " ELSE 'mars' END FROM generate_series(1, 2000) g",
        // hash: one key value carries most rows
        "CREATE TABLE accounts (id bigint NOT NULL) PARTITION BY HASH (id)",
        "CREATE TABLE accounts_0 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 0)",
        "CREATE TABLE accounts_1 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 1)",
        "CREATE TABLE accounts_2 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 2)",
        "CREATE TABLE accounts_3 PARTITION OF accounts FOR VALUES WITH (MODULUS 4, REMAINDER 3)",
        "INSERT INTO accounts SELECT CASE WHEN g <= 1900 THEN 7 ELSE g END FROM generate_series(1, 2000) g",
        // a conversion target (key created_at in pgpart.yml) whose keys lack it, and a foreign key into it
        "CREATE TABLE customers (id bigint PRIMARY KEY, created_at timestamptz NOT NULL, email text UNIQUE)",
        "CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id))",
        // a partitioned table whose foreign key lacks its key, rows of which the application deletes itself
        "CREATE TABLE owners (id bigint PRIMARY KEY)",
        "INSERT INTO owners SELECT generate_series(1, 10)",
        "CREATE TABLE lines (id bigint NOT NULL, k int NOT NULL, owner_id bigint CONSTRAINT lines_owner REFERENCES owners (id))"
                + " PARTITION BY RANGE (k)",
        "CREATE TABLE lines_0 PARTITION OF lines FOR VALUES FROM (0) TO (100)",
        "CREATE TABLE lines_100 PARTITION OF lines FOR VALUES FROM (100) TO (200)",
        "INSERT INTO lines SELECT g, g % 200, g % 10 + 1 FROM generate_series(1, 400) g",
        "ANALYZE",
    };

    /** What the application runs: one full scan, one pruned read, row-by-row deletes. */
    public static final String[] WORKLOAD = {
        "SELECT * FROM events WHERE v = 'nothing'",
        "SELECT * FROM events WHERE v = 'nothing else'",
        "SELECT * FROM events WHERE k = 15",
        "SELECT * FROM events WHERE k = 16 AND v = 'x'",
        "DELETE FROM lines WHERE owner_id = 3",
        "DELETE FROM lines WHERE owner_id = 4",
    };

    private AdviseFixture() {
    }
}

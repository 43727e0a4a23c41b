package dev.pgpart.testkit.examples;

import dev.pgpart.test.Db;
import javax.sql.DataSource;

/** The examples' database: {@code events} by month of 2026, with a default partition. */
public final class ExampleDatabase {
    private ExampleDatabase() {
    }

    public static DataSource create() {
        Db db = Db.create("guard_examples");
        db.exec("CREATE TABLE events (id bigint NOT NULL, day date NOT NULL, kind text NOT NULL) PARTITION BY RANGE (day)",
                "CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
                "CREATE TABLE events_2026_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
                "CREATE TABLE events_2026_03 PARTITION OF events FOR VALUES FROM ('2026-03-01') TO ('2026-04-01')",
                "CREATE TABLE events_default PARTITION OF events DEFAULT",
                "INSERT INTO events VALUES (1, '2026-01-05', 'click'), (2, '2026-02-05', 'view'), (3, '2026-03-05', 'click')");
        return db.dataSource();
    }
}

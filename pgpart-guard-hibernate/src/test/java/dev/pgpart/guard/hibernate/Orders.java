package dev.pgpart.guard.hibernate;

import dev.pgpart.test.Db;
import java.time.Instant;

/** The partitioned orders table of the tests, created with SQL (Hibernate validates and creates nothing). */
final class Orders {
    static final Instant JAN = Instant.parse("2026-01-10T10:00:00Z");
    static final Instant FEB = Instant.parse("2026-02-10T10:00:00Z");

    private Orders() {
    }

    static Db create(String hint) {
        Db db = Db.create(hint);
        db.exec("CREATE TABLE orders (id bigint NOT NULL, created_at timestamptz NOT NULL, status text,"
                        + " PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)",
                "CREATE TABLE orders_2026_01 PARTITION OF orders FOR VALUES FROM ('2026-01-01 00:00+00') TO ('2026-02-01 00:00+00')",
                "CREATE TABLE orders_2026_02 PARTITION OF orders FOR VALUES FROM ('2026-02-01 00:00+00') TO ('2026-03-01 00:00+00')",
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text)");
        return db;
    }

    static void insert(Db db, long id, Instant createdAt) {
        db.exec("INSERT INTO orders VALUES (" + id + ", '" + createdAt + "', 'new')");
    }
}

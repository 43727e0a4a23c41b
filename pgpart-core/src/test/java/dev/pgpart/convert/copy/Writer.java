package dev.pgpart.convert.copy;

import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application: inserts, updates (a fifth of them move the row to another month, so to another
 * partition) and deletes through the table's name, each in a transaction that applies the same
 * change to a plain control table. Every failed statement is kept. Public: the attach tests
 * (dev.pgpart.convert) drive the same writer.
 */
public final class Writer implements AutoCloseable {
    private final Db db;
    private final String table;
    private final String control;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong ops = new AtomicLong();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private long nextN;

    public Writer(Db db, String table, String control, long firstN) {
        this.db = db;
        this.table = table;
        this.control = control;
        this.nextN = firstN;
        this.thread = new Thread(this::loop, "writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Random r = new Random(42);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                int op = r.nextInt(10);
                try {
                    if (op < 4) {
                        insert(c, r);
                    } else if (op < 6) {
                        both(c, "UPDATE %s SET amount = amount + 1 WHERE n = ?", r.nextInt((int) Math.max(1, nextN)));
                    } else if (op < 8) {
                        // moves a row into the next partition, but never past 2027-01-05: the same row moved again
                        // and again would leave the premade partitions, which a conversion rightly refuses up front
                        both(c, "UPDATE %s SET created_at = created_at + interval '35 days' WHERE n = ?"
                                + " AND created_at < '2026-12-01 00:00+00'", r.nextInt((int) Math.max(1, nextN)));
                    } else {
                        both(c, "DELETE FROM %s WHERE n = ?", r.nextInt((int) Math.max(1, nextN)));
                    }
                    c.commit();
                    ops.incrementAndGet();
                } catch (SQLException e) {
                    errors.add(e.getSQLState() + " " + e.getMessage());
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            errors.add("connection: " + e.getMessage());
        }
    }

    private void insert(Connection c, Random r) throws SQLException {
        long n = nextN++;
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(330 * 24 * 3600));
        try (PreparedStatement ps = c.prepareStatement("WITH r AS (INSERT INTO " + table
                + " (n, created_at, amount, note) VALUES (?, ?, ?, ?) RETURNING *) INSERT INTO " + control + " SELECT * FROM r")) {
            ps.setLong(1, n);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setInt(3, r.nextInt(1000));
            ps.setString(4, "w" + n);
            ps.executeUpdate();
        }
    }

    private void both(Connection c, String sql, long n) throws SQLException {
        for (String t : List.of(table, control)) {
            try (PreparedStatement ps = c.prepareStatement(String.format(sql, t))) {
                ps.setLong(1, n);
                ps.executeUpdate();
            }
        }
    }

    /** Waits until the writer has committed {@code more} further operations (bounded by the test's timeout). */
    public void await(long more) {
        long target = ops.get() + more;
        while (ops.get() < target && thread.isAlive()) {
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public long ops() {
        return ops.get();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(30_000);
    }
}

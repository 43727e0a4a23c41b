package dev.pgpart.convert;

import static dev.pgpart.convert.AttachFixture.IDENTITY;
import static dev.pgpart.convert.AttachFixture.assertSameRows;
import static dev.pgpart.convert.AttachFixture.control;
import static dev.pgpart.convert.AttachFixture.create;
import static dev.pgpart.convert.AttachFixture.decorate;
import static dev.pgpart.convert.AttachFixture.interleaved;
import static dev.pgpart.convert.AttachFixture.phases;
import static dev.pgpart.convert.AttachFixture.run;
import static dev.pgpart.convert.AttachFixture.shape;
import static dev.pgpart.convert.AttachFixture.undo;
import static dev.pgpart.convert.AttachFixture.writer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.convert.copy.Writer;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code convert undo} of the attach strategy, from every phase, after the swap included. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AttachUndoIT {
    private static final QualifiedName T = QualifiedName.of("public", "orders");
    private static final int ROWS = 3000;

    private static void writeBoth(Db db, QualifiedName control, String sql) {
        db.exec(String.format(sql, T.sql()), String.format(sql, control.sql()));
    }

    @Test
    void undoAfterTheSwapGivesBackThePlainTableWithEveryRowWrittenSinceIntoAnyPartition() throws Exception {
        Db db = Db.create("attach_undo_swapped");
        create(db, T, IDENTITY, ", PRIMARY KEY (id)", ROWS);
        decorate(db, T, "undo_swapped_reader");
        db.exec("CREATE PUBLICATION orders_pub FOR TABLE orders");
        List<String> before = shape(db, T);
        long oid = db.queryLong("SELECT 'orders'::regclass::oid");
        QualifiedName control = control(db, T);
        run(db, T, phases(T));
        assertThat(db.queryStrings("SELECT relkind::text FROM pg_class WHERE oid = 'orders'::regclass")).containsExactly("p");

        // after the swap: rows into the history partition, the next month's partition and the default
        db.exec("INSERT INTO orders (n, created_at, amount, note) VALUES (-1, '2026-12-01', 1, 'history'),"
                + " (-2, '2027-05-15', 2, 'next month'), (-3, '2031-01-01', 3, 'default')");
        db.exec("INSERT INTO control SELECT * FROM orders WHERE n < 0");
        assertThat(db.queryLong("SELECT count(*) FROM orders_p20270501 WHERE n = -2")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM orders_default WHERE n = -3")).isEqualTo(1);
        writeBoth(db, control, "UPDATE %s SET created_at = '2027-05-20' WHERE n = 7"); // history -> next month
        writeBoth(db, control, "DELETE FROM %s WHERE n = 8");

        List<String> statements = undo(db, T);

        assertThat(statements).contains("ALTER TABLE \"public\".\"orders\" DETACH PARTITION \"public\".\"orders_pgpart_old\"");
        assertThat(db.queryLong("SELECT 'orders'::regclass::oid")).isEqualTo(oid);
        assertThat(shape(db, T)).isEqualTo(before);
        assertSameRows(db, T, control);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE '%pgpart%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.job")).isZero();
        // the identity continues past every id handed out since the swap; the view reads the table
        db.exec("INSERT INTO orders (n, created_at, amount) VALUES (-9, '2026-11-01', 950)");
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE n = -9 AND id > (SELECT max(id) FROM orders WHERE n <> -9)"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM orders_big WHERE n = -9")).isEqualTo(1);
    }

    /** Undo after 0..5 phases (4 = after the swap, 5 = after validate_fks), with the writer going on through it. */
    @ParameterizedTest(name = "undo after {0} phase(s)")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void undoAfterAnyPhaseGivesBackTheOriginalTableWithEveryWrite(int phasesRun) throws Exception {
        Db db = Db.create("attach_undo" + phasesRun);
        create(db, T, IDENTITY, ", PRIMARY KEY (id)", ROWS);
        decorate(db, T, "undo_reader_" + phasesRun);
        List<String> before = shape(db, T);
        long oid = db.queryLong("SELECT 'orders'::regclass::oid");
        QualifiedName control = control(db, T);
        try (Writer w = writer(db, T, control, ROWS)) {
            if (phasesRun > 0) {
                run(db, T, interleaved(phases(T).subList(0, phasesRun), w));
            }
            w.await(20);
            undo(db, T);
            w.await(20);
            w.close();
            assertThat(w.errors()).isEmpty();
        }
        assertThat(db.queryLong("SELECT 'orders'::regclass::oid")).isEqualTo(oid);
        assertThat(shape(db, T)).isEqualTo(before);
        assertSameRows(db, T, control);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname LIKE '%pgpart%'")).isZero();
    }
}

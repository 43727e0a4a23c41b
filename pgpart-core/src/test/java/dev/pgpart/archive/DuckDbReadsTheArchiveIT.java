package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The archive is plain compressed CSV: DuckDB reads it with the query of docs/guide-archive.md, without pgpart. */
@Timeout(120)
class DuckDbReadsTheArchiveIT {
    @TempDir
    Path dir;

    @Test
    void duckDbCountsTheSameRowsAndValuesAsPostgreSql() throws Exception {
        ArchiveFixture f = ArchiveFixture.create("arch_duckdb", dir);
        long rows = f.db.queryLong("SELECT count(*) FROM events_p20260101");
        long ids = f.db.queryLong("SELECT sum(id) FROM events_p20260101");
        long empty = f.db.queryLong("SELECT count(*) FROM events_p20260101 WHERE note = ''");
        long nulls = f.db.queryLong("SELECT count(*) FROM events_p20260101 WHERE note IS NULL");
        f.maintainWithConsent();

        String parts = dir.resolve("public/events/events_p20260101").toString() + "/part-*.csv.zst";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(id), count(*) FILTER (WHERE note = ''),"
                     + " count(*) FILTER (WHERE note IS NULL) FROM read_csv('" + parts + "', header = false,"
                     + " allow_quoted_nulls = false, columns = {'id': 'BIGINT', 'at': 'TIMESTAMPTZ', 'note': 'VARCHAR',"
                     + " 'payload': 'JSON', 'data': 'VARCHAR', 'tags': 'VARCHAR', 'amount': 'DECIMAL(30,12)'})")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(rows);
            assertThat(rs.getLong(2)).isEqualTo(ids);
            assertThat(rs.getLong(3)).isEqualTo(empty);
            assertThat(rs.getLong(4)).isEqualTo(nulls);
        }
    }
}

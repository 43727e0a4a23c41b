package dev.pgpart.convert.copy;

import static dev.pgpart.convert.copy.CopyFixture.connect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** copy.verify's scan: what PostgreSQL does per row. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VerificationIT {
    @Test
    void theRangeBoundsAreCastToTheKeyTypeOncePerScanNotOncePerRow() throws Exception {
        Db db = Db.create("copy_verify_plan");
        db.exec("CREATE TABLE t (id bigint PRIMARY KEY, created_at timestamptz NOT NULL)");
        String sql = Verification.scanSql(QualifiedName.of("public", "t"), "created_at", "timestamp with time zone",
                List.of("id", "created_at"), true);
        List<String> plan = new ArrayList<>();
        try (Connection c = connect(db); PreparedStatement ps = c.prepareStatement("EXPLAIN (VERBOSE, COSTS OFF) " + sql)) {
            ps.setArray(1, c.createArrayOf("text", new String[] {"2026-01-01 00:00:00+00", "2026-02-01 00:00:00+00"}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        // the cast sits in an InitPlan, evaluated once; the per-row expression only reads its result
        String perRow = plan.stream().filter(l -> l.contains("width_bucket")).findFirst().orElseThrow();
        assertThat(plan).anySatisfy(l -> assertThat(l).contains("InitPlan"));
        assertThat(perRow).doesNotContain("::timestamp with time zone[]");
    }
}

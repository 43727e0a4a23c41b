package dev.pgpart.internal.exec;

import static dev.pgpart.internal.exec.ExecSupport.assertAllApplied;
import static dev.pgpart.internal.exec.ExecSupport.query;
import static dev.pgpart.internal.exec.ExecSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Bound;
import dev.pgpart.internal.catalog.Column;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.catalog.TableProperties;
import dev.pgpart.internal.catalog.TableProperties.Grant;
import dev.pgpart.internal.catalog.TableProperties.PolicyDef;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorPropertiesIT {
    @Test
    void ownerGrantsRowSecurityStorageStatisticsAndReplicaIdentityAreCopiedToNewChildrenAndLeaves() {
        Db db = Db.create("exec_props");
        db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgpart_it_owner') THEN"
                        + " CREATE ROLE pgpart_it_owner; CREATE ROLE pgpart_it_reader; END IF; END $$",
                "CREATE TABLE pr (id bigint, tenant int, ts date) PARTITION BY RANGE (ts)",
                "ALTER TABLE pr OWNER TO pgpart_it_owner",
                "GRANT SELECT ON pr TO pgpart_it_reader");
        QualifiedName parent = QualifiedName.of("public", "pr");
        TableProperties p = new TableProperties("pgpart_it_owner",
                List.of(new Grant("pgpart_it_owner", "SELECT", false), new Grant("pgpart_it_reader", "SELECT", true)),
                true, true, List.of(new PolicyDef("tenant_only", true, "SELECT", List.of("pgpart_it_reader"),
                Optional.of("(tenant = 7)"), Optional.empty())), 'f', List.of("autovacuum_enabled=false"));
        TableInfo info = TableFixture.of(parent).key("ts", "date").columns("id").column(new Column("tenant", false, 500))
                .columns("ts").properties(p).build();
        assertAllApplied(run(db, info,
                new CreatePartition(parent, parent.sibling("pr_jan"), new Bound.Range(Optional.of("2027-01-01"), Optional.of("2027-02-01")),
                        false, DefaultRows.none(), Optional.empty()),
                new CreatePartition(parent, parent.sibling("pr_feb"), new Bound.Range(Optional.of("2027-02-01"), Optional.of("2027-03-01")),
                        false, DefaultRows.none(), PlannedLeaves.hash(parent.sibling("pr_feb"), "id", 2))));
        for (String t : List.of("pr_jan", "pr_feb_p0", "pr_feb_p1")) {
            assertProperties(db, t);
        }
        assertThat(query(db, "SELECT relowner::regrole::text FROM pg_class WHERE relname = 'pr_feb'")).isEqualTo("pgpart_it_owner");
    }

    private static void assertProperties(Db db, String t) {
        String where = " FROM pg_class WHERE relname = ?";
        assertThat(query(db, "SELECT relowner::regrole::text" + where, t)).as(t + " owner").isEqualTo("pgpart_it_owner");
        assertThat(query(db, "SELECT relacl::text" + where, t)).as(t + " grants").contains("pgpart_it_reader=r*/pgpart_it_owner");
        assertThat(query(db, "SELECT (relrowsecurity AND relforcerowsecurity)::text" + where, t)).as(t + " RLS").isEqualTo("true");
        assertThat(query(db, "SELECT qual FROM pg_policies WHERE tablename = ? AND policyname = 'tenant_only'", t))
                .as(t + " policy").isEqualTo("(tenant = 7)");
        assertThat(query(db, "SELECT reloptions::text" + where, t)).as(t + " reloptions").isEqualTo("{autovacuum_enabled=false}");
        assertThat(query(db, "SELECT relreplident::text" + where, t)).as(t + " replica identity").isEqualTo("f");
        assertThat(query(db, "SELECT a.attstattarget::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " WHERE c.relname = ? AND a.attname = 'tenant'", t)).as(t + " statistics").isEqualTo("500");
    }
}

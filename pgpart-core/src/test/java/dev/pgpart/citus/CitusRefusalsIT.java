package dev.pgpart.citus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.Pgpart;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import dev.pgpart.test.citus.CitusCluster;
import dev.pgpart.test.citus.CitusDb;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What pgpart does not do on a distributed table refuses before it changes anything, saying what to do instead. */
@Tag("citus")
@Timeout(180)
class CitusRefusalsIT {
    static final QualifiedName ORDERS = QualifiedName.of("public", "orders");

    @Test
    void convertPlanAndRunRefuseADistributedPlainTableAndLeaveItAsItWas() {
        CitusDb cluster = CitusCluster.newDatabase("convert");
        Db db = cluster.coordinator();
        db.exec("CREATE TABLE orders (id bigint, created_at timestamptz NOT NULL, tenant int NOT NULL)",
                "SELECT create_distributed_table('orders', 'tenant', shard_count => 4)",
                "INSERT INTO orders SELECT g, timestamptz '2026-10-01 00:00+00' + g * interval '1 hour', g % 5"
                        + " FROM generate_series(1, 500) g");
        Pgpart pgpart = CitusMaintainIT.pgpart(db, """
                tables:
                  orders: { key: created_at, interval: 1 month, premake: 2 }
                """);

        assertThatThrownBy(() -> pgpart.conversions().plan(ORDERS, Optional.empty()))
                .isInstanceOfSatisfying(PgpartException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG))
                .hasMessageContaining("public.orders is distributed by Citus (distributed by tenant, 4 shards)")
                .hasMessageContaining("pgpart convert does not support distributed tables")
                .hasMessageContaining("Nothing was changed")
                .hasMessageContaining("create_distributed_table('<new table>', 'tenant', colocate_with => '\"public\".\"orders\"')");
        assertThatThrownBy(() -> pgpart.conversions().run(ORDERS, Optional.empty(), true, Optional.empty()))
                .isInstanceOf(PgpartException.class).hasMessageContaining("pgpart convert does not support distributed tables");

        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'orders' AND relkind = 'r'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM orders")).isEqualTo(500);
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
    }

    @Test
    void archivingADistributedTableIsAConfigProblemAndNeitherMaintainNorArchiveRunDetachesAnything(@TempDir Path dir) {
        CitusDb cluster = CitusCluster.newDatabase("archive");
        Db db = cluster.coordinator();
        db.exec("CREATE TABLE audits (id bigint, ts timestamptz NOT NULL, tenant int NOT NULL) PARTITION BY RANGE (ts)",
                "SELECT create_distributed_table('audits', 'tenant', shard_count => 4)",
                "CREATE TABLE audits_p20250101 PARTITION OF audits FOR VALUES FROM ('2025-01-01 00:00+00') TO ('2025-02-01 00:00+00')",
                "INSERT INTO audits VALUES (1, '2025-01-15 00:00+00', 1)");
        Pgpart pgpart = CitusMaintainIT.pgpart(db, """
                archive: { location: '%s' }
                tables:
                  audits: { interval: 1 month, premake: 2, retention: 3 months, on_expiry: archive }
                """.formatted(dir.toUri()));

        assertThat(pgpart.validate()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("public.audits is distributed by Citus (distributed by tenant, 4 shards)",
                    "pgpart does not archive distributed tables", "nothing was detached or exported");
            assertThat(p.fix()).contains("use on_expiry: detach", "or on_expiry: drop");
        });
        assertThatThrownBy(() -> pgpart.maintain(MaintainOptions.defaults().withConsent(true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pgpart does not archive distributed tables");
        assertThatThrownBy(() -> pgpart.archiveRun(MaintainOptions.defaults().withConsent(true), Optional.empty(),
                Instant.parse(CitusMaintainIT.NOW)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pgpart does not archive distributed tables");

        assertThat(db.partitionsOf("audits")).containsExactly("audits_p20250101");
        assertThat(db.queryLong("SELECT count(*) FROM audits")).isEqualTo(1);
        assertThat(dir.toFile().list()).isEmpty();
    }
}

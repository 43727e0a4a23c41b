package dev.pgpart.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.flyway.guide.V2__events_partitions;
import dev.pgpart.flyway.guide.V3__delete_events_2027_01;
import dev.pgpart.test.Db;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/guide-migrations.md's Flyway examples are these migrations, and they run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GuideExamplesIT {
    /** The guide's CREATE TABLE, as the first migration. */
    public static class V1__events extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute(GuideBlocks.blocks("sql").get(0));
            }
        }
    }

    @Test
    void theGuidesJavaMigrationsAreTheOnesTestedHere() throws Exception {
        List<String> blocks = GuideBlocks.blocks("java");
        Path dir = Path.of("src/test/java/dev/pgpart/flyway/guide");

        assertThat(blocks).hasSize(2);
        assertThat(Files.readString(dir.resolve("V2__events_partitions.java")))
                .isEqualTo("package dev.pgpart.flyway.guide;\n\n" + blocks.get(0));
        assertThat(Files.readString(dir.resolve("V3__delete_events_2027_01.java")))
                .isEqualTo("package dev.pgpart.flyway.guide;\n\n" + blocks.get(1));
    }

    @Test
    void theGuidesMigrationsAddTwoPartitionsAndDeleteOneConcurrently() {
        Db db = Db.create("flyway_guide");
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:dev/pgpart/flyway/no-sql-migrations")
                .javaMigrations(new V1__events(), new V2__events_partitions(), new V3__delete_events_2027_01())
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false")).load().migrate();

        assertThat(db.partitionsOf("public.events")).containsExactly("events_p20270101");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'events_2027_02'")).isZero();
    }
}

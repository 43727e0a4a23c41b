package dev.pgpart.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.test.Db;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** docs/guide-migrations.md's Liquibase changelogs, run as they are written there. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GuideExamplesIT {
    @TempDir
    Path dir;

    private LiquibaseRun changelog(Db db, String name, String language) throws Exception {
        Files.writeString(dir.resolve(name), GuideBlocks.blocks(language).get(0));
        return LiquibaseRun.folder(db, dir);
    }

    @Test
    void theGuidesXmlChangelogAddsTwoRangePartitionsAndDeletesOneConcurrently() throws Exception {
        Db db = Db.create("lb_guide_xml");
        changelog(db, "changelog.xml", "xml").update("changelog.xml");

        assertThat(db.partitionsOf("public.events")).containsExactly("events_p20270101");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'events_p20261201'")).isZero();
    }

    @Test
    void theGuidesYamlChangelogAddsListAndHashPartitionsAndDeletesTheDefaultItAdded() throws Exception {
        Db db = Db.create("lb_guide_yaml");
        changelog(db, "changelog.yaml", "yaml").update("changelog.yaml");

        assertThat(db.partitionsOf("public.orders")).containsExactly("orders_eu");
        assertThat(db.partitionsOf("public.sessions")).containsExactly("sessions_p0");
    }
}

package dev.pgpart.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Outcome;
import dev.pgpart.sql.QualifiedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Restore recreates the partition's indexes from the manifest; a manifest without them still restores. */
@Timeout(180)
class ArchiveIndexesIT {
    static final QualifiedName JANUARY = QualifiedName.of("public", "events_p20260101");
    static final String DEFINITIONS = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = '%s'"
            + " ORDER BY indexname";
    /** The definition without the index's and the table's names. */
    static final String SHAPES = "SELECT regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX (\"[^\"]*\"|\\S+) ON \\S+', 'CREATE \\1INDEX ON')"
            + " FROM pg_indexes WHERE schemaname = 'public' AND tablename = '%s' ORDER BY 1";

    @TempDir
    Path dir;

    @Test
    void restoreWithAttachRecreatesThePartitionsIndexesUnderTheirNamesAndTheParentAdoptsItsOwn() {
        ArchiveFixture f = indexed("arch_ix_attach");
        List<String> before = f.db.queryStrings(DEFINITIONS.formatted("events_p20260101"));
        archive(f);

        f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), true, Duration.ofSeconds(5));

        assertThat(f.db.queryStrings(DEFINITIONS.formatted("events_p20260101"))).hasSize(3).isEqualTo(before);
        assertThat(f.db.queryStrings("SELECT p.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE c.relname = 'events_p20260101_note_idx'"))
                .containsExactly("events_note_idx");
    }

    @Test
    void restoreIntoAnotherNameRecreatesTheSameIndexesUnderNamesPostgresqlPicks() {
        ArchiveFixture f = indexed("arch_ix_into");
        List<String> before = f.db.queryStrings(SHAPES.formatted("events_p20260101"));
        f.keepCopy("events_p20260101", "expected_jan");
        archive(f);

        f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.of(QualifiedName.of("public", "jan_back")), false,
                Duration.ofSeconds(5));

        assertThat(f.db.queryStrings(SHAPES.formatted("jan_back"))).hasSize(3).isEqualTo(before);
        assertThat(f.difference("jan_back", "expected_jan")).isZero();
    }

    @Test
    void aManifestWrittenBeforeIndexesWereArchivedStillRestoresWithoutThem() throws IOException {
        ArchiveFixture f = indexed("arch_ix_old");
        f.keepCopy("events_p20260101", "expected_jan");
        archive(f);
        Path manifest;
        try (var files = Files.walk(dir)) {
            manifest = files.filter(p -> p.getFileName().toString().equals("manifest.json")
                    && p.getParent().getFileName().toString().equals("events_p20260101")).findFirst().orElseThrow();
        }
        String old = f.db.queryStrings("SELECT (" + dev.pgpart.sql.Sql.literal(Files.readString(manifest)) + "::jsonb"
                + " - 'indexes')::text").get(0);
        Files.writeString(manifest, old, StandardCharsets.UTF_8);

        f.pgpart(ArchiveFixture.NOW).archives().restore(JANUARY, Optional.empty(), false, Duration.ofSeconds(5));

        assertThat(f.db.queryStrings(DEFINITIONS.formatted("events_p20260101"))).isEmpty();
        assertThat(f.difference("events_p20260101", "expected_jan")).isZero();
    }

    /** The fixture with an index on the parent (so on each partition), and two of January's own. */
    private ArchiveFixture indexed(String hint) {
        ArchiveFixture f = ArchiveFixture.create(hint, dir);
        f.db.exec("CREATE INDEX events_note_idx ON events (note)",
                "CREATE UNIQUE INDEX \"jan id, unique\" ON events_p20260101 (id) WHERE amount IS NOT NULL",
                "CREATE INDEX jan_lower_note ON events_p20260101 USING btree (lower(note) DESC NULLS LAST) INCLUDE (at)");
        return f;
    }

    private static void archive(ArchiveFixture f) {
        assertThat(f.maintainWithConsent().results()).filteredOn(r -> r.action().partition().equals(JANUARY)).singleElement()
                .satisfies(r -> assertThat(r.outcome()).as(r.detail()).isEqualTo(Outcome.APPLIED));
    }
}

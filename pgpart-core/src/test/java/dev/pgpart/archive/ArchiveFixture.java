package dev.pgpart.archive;

import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A monthly table of awkward values (NULLs, unicode, quotes, newlines, bytea, jsonb, arrays,
 * numeric, timestamptz), with a column dropped from the parent and a generated column, and
 * January and February 2026 past a 3-month retention on 2026-06-15.
 */
final class ArchiveFixture {
    static final Instant JAN = Instant.parse("2026-01-15T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    final Db db;
    final Path store;
    final String yaml;

    private ArchiveFixture(Db db, Path store, String yaml) {
        this.db = db;
        this.store = store;
        this.yaml = yaml;
    }

    static String yaml(Path store, String partSize) {
        return yaml("location: " + store.toUri().toString().replaceFirst("^file:/(?!/)", "file:///"), partSize);
    }

    /** @param archiveLines the lines of the archive: block before part_size, e.g. {@code location: s3://b/p} */
    static String yaml(String archiveLines, String partSize) {
        return """
                archive:
                  %s
                  part_size: %s
                tables:
                  public.events:
                    interval: 1 month
                    premake: 1
                    start: 2026-01-01
                    retention: 3 months
                    on_expiry: archive
                """.formatted(archiveLines.replace("\n", "\n  "), partSize);
    }

    static ArchiveFixture create(String hint, Path store) {
        return create(hint, store, "4KB");
    }

    static ArchiveFixture create(String hint, Path store, String partSize) {
        return withYaml(hint, store, yaml(store, partSize));
    }

    static ArchiveFixture withYaml(String hint, Path store, String yaml) {
        Db db = Db.create(hint);
        db.exec("CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, gone int, note text, payload jsonb,"
                        + " data bytea, tags text[], amount numeric(30,12), doubled bigint GENERATED ALWAYS AS (id * 2) STORED)"
                        + " PARTITION BY RANGE (at)",
                "ALTER TABLE events DROP COLUMN gone");
        ArchiveFixture f = new ArchiveFixture(db, store, yaml);
        f.pgpart(JAN).maintain(MaintainOptions.defaults(), Optional.empty(), JAN);
        f.pgpart(NOW).maintain(MaintainOptions.defaults().withSkips(false, true), Optional.empty(), NOW);
        f.insertRows(600);
        return f;
    }

    /** {@code n} rows a day apart from 2026-01-01, each awkward in its own way; every 7th value NULL. */
    void insertRows(int n) {
        db.exec("INSERT INTO events (id, at, note, payload, data, tags, amount) SELECT g,"
                + " timestamptz '2026-01-01 00:00:00+00' + (g % 59) * interval '1 day' + g * interval '1 second',"
                + " CASE WHEN g % 7 = 0 THEN NULL WHEN g % 7 = 1 THEN '' WHEN g % 7 = 2 THEN 'é中文🎉, \"quoted\"'"
                + "   WHEN g % 7 = 3 THEN E'line\\nbreak\\r\\ttab \\\\ back' WHEN g % 7 = 4 THEN '\\.' ELSE 'plain ' || g END,"
                + " CASE WHEN g % 7 = 0 THEN NULL ELSE jsonb_build_object('a', jsonb_build_array(g, 'x,y'), 'q', '\"') END,"
                + " CASE WHEN g % 7 = 0 THEN NULL ELSE decode(md5(g::text), 'hex') END,"
                + " CASE WHEN g % 7 = 0 THEN NULL ELSE ARRAY['a,b', NULL, '\"q\"', 'z' || g] END,"
                + " CASE WHEN g % 7 = 0 THEN NULL ELSE 123456789012345678.123456789012 / g END"
                + " FROM generate_series(1, " + n + ") g");
    }

    Pgpart pgpart(Instant now) {
        Spec spec = SpecLoader.parse(yaml, "pgpart.yml");
        return Pgpart.builder(db.dataSource()).spec(spec).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    /** Second sessions from the test database, as Pgpart gives an archive job. */
    SideSessions sides() {
        return () -> {
            try {
                java.sql.Connection c = db.dataSource().getConnection();
                dev.pgpart.internal.exec.Session.configure(c);
                return Optional.of(new SideSessions.Side() {
                    @Override
                    public java.sql.Connection connection() {
                        return c;
                    }

                    @Override
                    public void close() {
                        try {
                            c.close();
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The plan's archive action for {@code partition} on {@link #NOW}. */
    dev.pgpart.plan.ArchivePartition action(dev.pgpart.sql.QualifiedName partition) {
        return (dev.pgpart.plan.ArchivePartition) pgpart(NOW).plan().actions().stream()
                .filter(a -> a.partition().equals(partition)).findFirst().orElseThrow();
    }

    /** The archive job of {@code action}, as maintain would run it (with its lock timeout), on this fixture's spec. */
    ArchiveJob job(dev.pgpart.plan.ArchivePartition action, ArchiveProgress progress) {
        return job(action, progress, java.time.Duration.ofSeconds(2));
    }

    ArchiveJob job(dev.pgpart.plan.ArchivePartition action, ArchiveProgress progress, java.time.Duration lockTimeout) {
        Spec spec = SpecLoader.parse(yaml, "pgpart.yml");
        return new ArchiveJob(dev.pgpart.state.StateSchema.defaults(), "test", spec.archive(action.parent()).orElseThrow(),
                lockTimeout, MaintainOptions.defaults(), progress, "test");
    }

    MaintainResult maintainWithConsent() {
        return pgpart(NOW).maintain(MaintainOptions.defaults().withConsent(true), Optional.empty(), NOW);
    }

    /** A copy of the rows of {@code partition}, to compare a restore with. */
    void keepCopy(String partition, String copy) {
        db.exec("CREATE TABLE " + copy + " AS SELECT * FROM " + partition);
    }

    /** Rows in one table and not the other, both ways (0 means equal as multisets of distinct rows, counts aside). */
    long difference(String a, String b) {
        String cols = "id, at, note, payload, data, tags, amount, doubled";
        return db.queryLong("SELECT (SELECT count(*) FROM (SELECT " + cols + " FROM " + a + " EXCEPT ALL SELECT " + cols
                + " FROM " + b + ") x) + (SELECT count(*) FROM (SELECT " + cols + " FROM " + b + " EXCEPT ALL SELECT " + cols
                + " FROM " + a + ") y)");
    }
}

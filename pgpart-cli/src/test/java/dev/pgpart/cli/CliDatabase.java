package dev.pgpart.cli;

import dev.pgpart.test.Db;
import dev.pgpart.test.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A fresh database, a pgpart.yml next to it and a CLI pointed at both, at a fixed "now". */
record CliDatabase(Db db, String url, Path config, Clock clock) {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    static CliDatabase create(String hint, Path dir, String yaml) {
        Db db = Db.create(hint);
        String url = TestPostgres.jdbcUrl(db.queryStrings("SELECT current_database()").get(0));
        try {
            Path config = Files.writeString(dir.resolve("pgpart.yml"), yaml);
            return new CliDatabase(db, url, config, Clock.fixed(NOW, ZoneOffset.UTC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code pgpart --config <file> args...} with PGPART_URL set to this database. */
    Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Run.of(Main.with(Env.of(Map.of(Env.URL, url)), clock), all);
    }
}

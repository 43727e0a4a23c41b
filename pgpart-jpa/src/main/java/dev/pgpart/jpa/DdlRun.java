package dev.pgpart.jpa;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.TableDdl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One {@code pgpart ddl} run: find the entities, check them, generate their migrations, and write
 * them where asked. Shared by the CLI command and {@link DdlMain}, so both behave alike.
 */
public final class DdlRun {
    private DdlRun() {
    }

    /** Where the migrations go. */
    public sealed interface Output permits Flyway, Liquibase, Stdout {
    }

    /** {@code V<next>__create_partitioned_<table>.sql} files in {@code dir}. */
    public record Flyway(Path dir) implements Output {
    }

    /** One changelog; XML when the name ends in {@code .xml}, else formatted SQL. */
    public record Liquibase(Path file) implements Output {
    }

    /** Plain SQL on standard output. */
    public record Stdout() implements Output {
    }

    /**
     * @param packages  packages whose {@code @Entity} classes are read (sub-packages too)
     * @param classes   further entity classes by name
     * @param hibernate extra Hibernate settings (a naming strategy)
     * @param database  when given, tables that already exist are not generated (see {@link ExistingTables})
     */
    public record Request(List<String> packages, List<String> classes, Output output, TableDdl.Initial initial,
                          Instant at, Map<String, Object> hibernate, Optional<Database> database) {
        public Request {
            packages = List.copyOf(packages);
            classes = List.copyOf(classes);
            hibernate = Map.copyOf(hibernate);
        }
    }

    /** A database to look in, and how messages name it (a URL without its password). */
    public record Database(DataSource dataSource, String name) {
    }

    /**
     * @return 0 when everything asked for was generated (or already there)
     * @throws PgpartException CONFIG for bad annotations or arguments, UNSAFE when a table exists unpartitioned
     */
    public static int run(Request r, ClassLoader loader, PrintWriter out, PrintWriter err) {
        List<Class<?>> entities = entities(r, loader, err);
        List<Migration> migrations = DdlGenerator.generate(entities, r.hibernate(), r.initial(), r.at());
        migrations = withoutExisting(migrations, r.database(), err);
        if (migrations.isEmpty()) {
            err.println("pgpart ddl: nothing to generate: every partitioned entity's table already exists");
            err.flush();
            return 0;
        }
        if (r.output() instanceof Flyway f) {
            for (MigrationFiles.Written w : MigrationFiles.flyway(f.dir(), migrations)) {
                out.println((w.created() ? "wrote " : "kept existing ") + w.file() + " (" + w.migration().table() + ")");
            }
        } else if (r.output() instanceof Liquibase l) {
            MigrationFiles.Written w = MigrationFiles.liquibase(l.file(), migrations);
            out.println((w.created() ? "wrote " : "unchanged ") + w.file() + " (" + migrations.size() + " changeset"
                    + (migrations.size() == 1 ? "" : "s") + ")");
        } else {
            migrations.forEach(m -> out.print(m.sql()));
        }
        out.flush();
        return 0;
    }

    private static List<Class<?>> entities(Request r, ClassLoader loader, PrintWriter err) {
        LinkedHashSet<Class<?>> found = new LinkedHashSet<>();
        for (String p : r.packages()) {
            EntityScanner.Scan scan = EntityScanner.entities(loader, p);
            found.addAll(scan.entities());
            // a class that cannot be loaded cannot be read: say so, in case it is an entity
            scan.skipped().forEach(s -> err.println("pgpart ddl: skipped " + s + "; if it is an entity, put what it"
                    + " needs on the class path"));
        }
        err.flush();
        r.classes().forEach(c -> found.add(EntityScanner.load(loader, c)));
        if (found.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, "no @Entity classes found in " + (r.packages().isEmpty()
                    ? "the given classes" : "package " + String.join(", ", r.packages())) + "; nothing was written"
                    + " -> check --package and that --classpath holds the compiled classes (target/classes)");
        }
        return new ArrayList<>(found);
    }

    private static List<Migration> withoutExisting(List<Migration> all, Optional<Database> db, PrintWriter err) {
        if (db.isEmpty()) {
            return all;
        }
        List<Migration> keep = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        try (Connection c = db.get().dataSource().getConnection()) {
            for (Migration m : all) {
                Optional<ExistingTables.Found> found = ExistingTables.refusal(c, m.table(), db.get().name());
                if (found.isEmpty()) {
                    keep.add(m);
                } else if (found.get().partitioned()) {
                    err.println("pgpart ddl: " + found.get().message());
                } else {
                    refusals.add(found.get().message());
                }
            }
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "cannot connect to " + db.get().name() + ": " + e.getMessage()
                    + "; nothing was written -> check --url, or leave it out to generate without looking", e);
        }
        err.flush();
        if (!refusals.isEmpty()) {
            throw new PgpartException(ErrorCode.UNSAFE, String.join("\n", refusals)
                    + (keep.isEmpty() ? "" : "\nnothing was written for the other tables either, so the migrations stay"
                    + " in one piece; generate them with --class for each of them"));
        }
        return keep;
    }
}

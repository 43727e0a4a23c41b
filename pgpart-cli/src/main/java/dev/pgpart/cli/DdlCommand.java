package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.TableDdl;
import dev.pgpart.jpa.DdlRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart ddl}: the migration that creates the tables of {@code @Partitioned} JPA entities. */
@Command(name = "ddl", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes the migration that creates the partitioned tables declared on JPA entities"
                + " (@dev.pgpart.jpa.Partitioned): CREATE TABLE ... PARTITION BY with a primary key that includes the"
                + " partition key, the indexes, the default partition and the partitions maintain would create first."
                + " Same entities and --at, same bytes. See docs/guide-jpa.md.",
                "With --url, a table that already exists is not generated: a plain one is refused (convert it with"
                        + " 'pgpart convert plan TABLE'), a partitioned one is skipped.",
                "Exits 0 when written, 2 on annotation or key-rule problems (all listed) and bad options, 1 when a table"
                        + " exists unpartitioned or the database cannot be read."})
final class DdlCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--classpath", paramLabel = "PATHS", split = "${sys:path.separator}",
            description = "Directories and jars with the compiled entities and what they need (e.g. target/classes),"
                    + " separated by '${sys:path.separator}'.")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--package", paramLabel = "PKG", description = "Read the @Entity classes of this package and its"
            + " sub-packages (repeatable).")
    List<String> packages = new ArrayList<>();

    @Option(names = "--class", paramLabel = "FQCN", description = "Read this entity class (repeatable).")
    List<String> classes = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--no-initial-partitions", description = "Create only the parent, its indexes and nothing else:"
            + " the first maintain creates the partitions.")
    boolean noInitial;

    @Option(names = "--hibernate", paramLabel = "KEY=VALUE", description = "A Hibernate setting the application uses,"
            + " e.g. hibernate.physical_naming_strategy=... (repeatable).")
    Map<String, String> hibernate = new LinkedHashMap<>();

    @Mixin
    AtOption at;

    /** Exactly one place for the output. */
    static final class Target {
        @Option(names = "--flyway", paramLabel = "DIR", required = true,
                description = "Write V<next>__create_partitioned_<table>.sql files into this Flyway folder.")
        Path flyway;

        @Option(names = "--liquibase", paramLabel = "FILE", required = true,
                description = "Write a Liquibase changelog: XML when FILE ends in .xml, else formatted SQL.")
        Path liquibase;

        @Option(names = "--sql", required = true, description = "Print plain SQL.")
        boolean sql;

        DdlRun.Output output() {
            if (flyway != null) {
                return new DdlRun.Flyway(flyway);
            }
            return liquibase != null ? new DdlRun.Liquibase(liquibase) : new DdlRun.Stdout();
        }
    }

    @Override
    public Integer call() {
        if (packages.isEmpty() && classes.isEmpty()) {
            throw new PgpartException(ErrorCode.CONFIG, "no entities given: pass --package PKG or --class FQCN");
        }
        Optional<DdlRun.Database> db = main.url == null ? Optional.empty()
                : Optional.of(new DdlRun.Database(main.dataSource(), UrlMasker.mask(main.jdbcUrl())));
        DdlRun.Request request = new DdlRun.Request(packages, classes, target.output(),
                noInitial ? TableDdl.Initial.NONE : TableDdl.Initial.PLANNED, at.orNow(main.clock()),
                Map.copyOf(hibernate), db);
        try (URLClassLoader loader = new URLClassLoader(urls(), DdlCommand.class.getClassLoader())) {
            return DdlRun.run(request, loader, main.out(), main.err());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URL[] urls() {
        List<URL> out = new ArrayList<>();
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new PgpartException(ErrorCode.CONFIG, "--classpath entry " + p + " does not exist -> compile the"
                        + " entities first (mvn compile) and pass their folder, e.g. target/classes");
            }
            try {
                out.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new PgpartException(ErrorCode.CONFIG, "--classpath entry " + p + " is not usable: " + e.getMessage());
            }
        }
        return out.toArray(URL[]::new);
    }
}

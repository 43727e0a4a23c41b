package dev.pgpart.cli;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/** {@code pgpart}: the root command. Holds the global options and what every command needs to reach the database. */
@Command(name = "pgpart", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"Maintains PostgreSQL declarative partitions: creates them ahead of time, retires old ones,"
                + " moves rows out of the default partition, and tells you when something needs a human."},
        subcommands = {PlanCommand.class, MaintainCommand.class, StatusCommand.class, CheckCommand.class, MetricsCommand.class,
                PartitionCommand.class, ConvertCommand.class, ArchiveCommand.class, ValidateCommand.class, ExplainCommand.class,
                DdlCommand.class, AdviseCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final String DEFAULT_CONFIG = "pgpart.yml";

    @CommandLine.Spec
    CommandSpec commandSpec;

    @Option(names = "--url", paramLabel = "JDBC_URL", scope = ScopeType.INHERIT,
            description = "Database to work on, e.g. jdbc:postgresql://host:5432/db?user=app. Default: $PGPART_URL;"
                    + " $PGPART_USER and $PGPART_PASSWORD supply credentials.")
    String url;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Configuration file (default: ${DEFAULT-VALUE}). See docs/config.md.",
            defaultValue = DEFAULT_CONFIG)
    Path config;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = Converters.Wait.class, defaultValue = "10s",
            description = "How long to wait for the server to accept the connection and log in (default: ${DEFAULT-VALUE}).")
    java.time.Duration connectTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = Converters.Wait.class, defaultValue = "30m",
            description = "statement_timeout of pgpart's sessions (default: ${DEFAULT-VALUE}); the socket timeout is"
                    + " this plus 1m, so a server that stops answering fails the run instead of hanging it.")
    java.time.Duration statementTimeout;

    @Option(names = "-v", scope = ScopeType.INHERIT,
            description = "More logging on stderr: -v INFO, -vv DEBUG and stack traces.")
    boolean[] verbose = new boolean[0];

    private final Env env;
    private final SpecSource specSource;
    private final PgpartFactory factory;
    private final Clock clock;

    public Main() {
        this(Env.system(), SpecSource.yaml(), PgpartFactory.standard(), Clock.systemUTC());
    }

    public Main(Env env, SpecSource specSource, PgpartFactory factory, Clock clock) {
        this.env = Objects.requireNonNull(env);
        this.specSource = Objects.requireNonNull(specSource);
        this.factory = Objects.requireNonNull(factory);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The real environment, the YAML loader and the facade, with a given clock and environment (tests). */
    public static Main with(Env env, Clock clock) {
        return new Main(env, SpecSource.yaml(), PgpartFactory.standard(), clock);
    }

    public static void main(String[] args) {
        int code = commandLine(new Main()).execute(args);
        System.exit(code);
    }

    /** A fully configured command line: exit code mapping, error handler, logging set-up, footers. */
    public static CommandLine commandLine(Main main) {
        CommandLine cl = new CommandLine(main);
        Errors errors = new Errors(main);
        cl.setExecutionExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        cl.setParameterExceptionHandler(errors::handleParseException);
        cl.setExecutionStrategy(parseResult -> {
            Logging.configure(main.verbosity());
            return new CommandLine.RunLast().execute(parseResult);
        });
        addFooter(cl);
        return cl;
    }

    private static void addFooter(CommandLine cl) {
        cl.getCommandSpec().usageMessage().footer(ExitCodes.FOOTER);
        cl.getSubcommands().values().forEach(Main::addFooter);
    }

    @Override
    public void run() {
        throw new ParameterException(commandSpec.commandLine(), "missing command: try 'pgpart plan', or 'pgpart demo' to see it work");
    }

    /** The same CLI against another environment (the demo points it at its own server). */
    Main withEnv(Env other) {
        return new Main(other, specSource, factory, clock);
    }

    int verbosity() {
        return verbose == null ? 0 : verbose.length;
    }

    Env env() {
        return env;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The configuration; a missing default pgpart.yml is an empty spec only when {@code required} is false.
     * When the file has problems, the tables that could still be read are checked against the database
     * too (when one is given), so one run lists problems of every kind.
     */
    Spec spec(boolean required) {
        try {
            return fileSpec(required);
        } catch (ConfigException e) {
            throw e.with(databaseProblems(e));
        }
    }

    /** The configuration as the file has it: a {@link ConfigException} lists the file's problems only. */
    Spec fileSpec(boolean required) {
        Path file = config;
        boolean explicit = !file.toString().equals(DEFAULT_CONFIG);
        if (!Files.exists(file)) {
            if (!required && !explicit) {
                return new Spec(Spec.DEFAULT_LOCK_TIMEOUT, List.of());
            }
            throw new PgpartException(ErrorCode.CONFIG, "configuration file " + file.toAbsolutePath() + " not found: "
                    + (explicit ? "check the --config path" : "create one (see docs/config.md) or pass --config FILE"));
        }
        return specSource.load(file);
    }

    /**
     * Problems of the tables the broken file could still be read for, against the database; none when
     * no database is given. A database that cannot be asked is reported as one more problem.
     */
    List<ConfigProblem> databaseProblems(ConfigException e) {
        Optional<Spec> readable = e.readable().filter(s -> !s.tables().isEmpty());
        if (readable.isEmpty() || (url == null && env.get(Env.URL).isEmpty())) {
            return List.of();
        }
        try {
            return pgpart(readable.get(), MaintenanceListener.NONE).validate();
        } catch (PgpartException ex) {
            return List.of(new ConfigProblem("database", "the tables were not checked against the database: "
                    + ex.getMessage(), "fix the problems above, then run again"));
        }
    }

    String jdbcUrl() {
        String u = url != null ? url : env.get(Env.URL).orElseThrow(() -> new PgpartException(ErrorCode.CONFIG,
                "no database given: pass --url jdbc:postgresql://host:5432/db or set PGPART_URL"));
        if (!u.startsWith("jdbc:postgresql:")) {
            throw new PgpartException(ErrorCode.CONFIG, "'" + UrlMasker.mask(u) + "' is not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:5432/db");
        }
        return u;
    }

    DataSource dataSource() {
        String u = jdbcUrl();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setUrl(u);
        } catch (IllegalArgumentException e) {
            throw new PgpartException(ErrorCode.CONFIG, "cannot use " + UrlMasker.mask(u) + ": " + e.getMessage());
        }
        timeouts().validated().apply(ds, u);
        env.get(Env.USER).ifPresent(ds::setUser);
        env.get(Env.PASSWORD).ifPresent(ds::setPassword);
        ds.setApplicationName("pgpart");
        org.slf4j.LoggerFactory.getLogger(Main.class).info("database {}", UrlMasker.mask(u));
        return ds;
    }

    Pgpart pgpart(Spec spec, MaintenanceListener listener) {
        return factory.create(dataSource(), spec, listener, clock, timeouts().validated().statement());
    }

    /** The network and statement limits of this run (picocli fills the options; tests may not parse). */
    Timeouts timeouts() {
        return new Timeouts(connectTimeout != null ? connectTimeout : java.time.Duration.ofSeconds(10),
                statementTimeout != null ? statementTimeout : dev.pgpart.api.Pgpart.DEFAULT_STATEMENT_TIMEOUT);
    }

    PrintWriter out() {
        return commandSpec.commandLine().getOut();
    }

    PrintWriter err() {
        return commandSpec.commandLine().getErr();
    }
}

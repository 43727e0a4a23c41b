package dev.pgpart.spring;

import dev.pgpart.PgpartException;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.Outcome;
import dev.pgpart.api.Pgpart;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import liquibase.Scope;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.DatabaseException;
import liquibase.exception.ValidationErrors;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.resource.ResourceAccessor;

/**
 * Runs pgpart's maintain inside {@code liquibase update}, for teams that migrate with Liquibase
 * outside Spring (the CLI, a deploy job): the partitions of the tables the changelog made exist
 * when the update ends.
 *
 * <pre>{@code
 * <changeSet id="pgpart-maintain" author="pgpart" runAlways="true" runInTransaction="false">
 *   <customChange class="dev.pgpart.spring.PgpartMaintainChange">
 *     <param name="config" value="pgpart.yml"/>
 *   </customChange>
 * </changeSet>
 * }</pre>
 *
 * Runs on the changelog's own connection (Liquibase owns it: pgpart gets a non-closing view, and
 * puts back every session setting it changes), under pgpart's advisory lock, one transaction per
 * table. A failure fails the update with pgpart's message; the changesets before stay applied.
 */
public final class PgpartMaintainChange implements CustomTaskChange {
    private Optional<String> config = Optional.empty();
    private Optional<String> allowRemoval = Optional.empty();
    private Optional<ResourceAccessor> resources = Optional.empty();
    private String confirmation = "pgpart maintain did not run";

    /** {@code <param name="config">}: the pgpart.yml, found the way Liquibase finds the changelog (search path, classpath). */
    public void setConfig(String path) {
        this.config = Optional.ofNullable(path).map(String::strip).filter(s -> !s.isEmpty());
    }

    public String getConfig() {
        return config.orElse(null); // Liquibase reads parameters back through getters; null is its "not set"
    }

    /**
     * {@code <param name="allowRemoval">}: {@code true} lets maintain detach/drop partitions past
     * retention (the CLI's {@code --yes}); anything but true or false is refused, not read as false.
     */
    public void setAllowRemoval(String value) {
        this.allowRemoval = Optional.ofNullable(value).map(String::strip);
    }

    public String getAllowRemoval() {
        return allowRemoval.orElse(null);
    }

    @Override
    public void setUp() {
        // parameters arrive through the setters; the configuration is read when the change runs
    }

    @Override
    public void setFileOpener(ResourceAccessor accessor) {
        this.resources = Optional.ofNullable(accessor);
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        if (config.isEmpty()) {
            errors.addError("pgpart: <param name=\"config\" value=\"...\"/> is required: the path of the pgpart.yml to maintain");
        }
        if (allowRemoval.isPresent() && !allowRemoval.get().equals("true") && !allowRemoval.get().equals("false")) {
            errors.addError("pgpart: allowRemoval is '" + allowRemoval.get() + "'; write true or false");
        }
        if (!(database instanceof PostgresDatabase)) {
            errors.addError("pgpart maintains PostgreSQL only; this changelog runs on " + database.getShortName());
        }
        return errors;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        Spec spec = spec();
        if (sqlOutputOnly(database)) {
            return;
        }
        BorrowedConnectionDataSource borrowed = new BorrowedConnectionDataSource(jdbc(database.getConnection()));
        Pgpart pgpart = Pgpart.builder(borrowed).spec(spec).application("liquibase").build();
        MaintainResult result;
        try {
            result = pgpart.maintain(MaintainOptions.defaults().withConsent(allowRemoval.orElse("false").equals("true")));
        } catch (PgpartException e) {
            throw new CustomChangeException("pgpart maintain during liquibase update failed: " + e.getMessage()
                    + abandonedNote(borrowed) + "\nThe changesets before this one stay applied; run the update again once"
                    + " the cause is fixed.", e);
        }
        if (borrowed.abandoned()) {
            throw new CustomChangeException("pgpart maintain finished but could not restore the session settings of"
                    + " Liquibase's connection" + abandonedNote(borrowed));
        }
        if (result.hasFailures() || result.hasConfigProblems()) {
            throw new CustomChangeException("pgpart maintain during liquibase update did not finish: " + failures(result)
                    + "; what was applied stays applied, run the update again once the cause is fixed");
        }
        confirmation = "pgpart maintain: " + result.results().stream().filter(r -> r.outcome() == Outcome.APPLIED).count()
                + " action(s) applied" + (result.hasPendingWithoutConsent()
                ? "; partitions past retention were not removed (set allowRemoval to true to remove them)" : "");
    }

    @Override
    public String getConfirmationMessage() {
        return confirmation;
    }

    private Spec spec() throws CustomChangeException {
        String path = config.orElseThrow(() -> new CustomChangeException("pgpart: the config parameter is required"));
        ResourceAccessor accessor = resources.orElseThrow(() -> new CustomChangeException(
                "pgpart: Liquibase gave the change no resource accessor to read " + path + " with"));
        String text;
        try (InputStream in = accessor.getExisting(path).openInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CustomChangeException("pgpart: cannot read the configuration " + path + " (" + e.getMessage()
                    + "); nothing was changed by pgpart. Searched: " + accessor.describeLocations(), e);
        }
        try {
            return SpecLoader.parse(text, path);
        } catch (PgpartException e) {
            throw new CustomChangeException("pgpart's configuration " + path + " has problems (nothing was changed by"
                    + " pgpart): " + e.getMessage(), e);
        }
    }

    /**
     * {@code update-sql} hands custom task changes the real connection but writes the SQL instead of
     * running it: maintain has no SQL to show ahead of time (its plan depends on the catalog at the
     * time it runs), so it leaves a comment saying so instead of changing the database.
     */
    private boolean sqlOutputOnly(Database database) throws CustomChangeException {
        Executor executor = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
        if (!(executor instanceof LoggingExecutor logging)) {
            return false;
        }
        try {
            logging.comment("pgpart maintain does not run in SQL output mode: its plan depends on the catalog when it runs."
                    + " Run pgpart maintain (or liquibase update) after applying this SQL");
        } catch (DatabaseException e) {
            throw new CustomChangeException("pgpart: could not write its comment to the SQL output: " + e.getMessage(), e);
        }
        confirmation = "pgpart maintain skipped: SQL output mode";
        return true;
    }

    private static java.sql.Connection jdbc(DatabaseConnection connection) throws CustomChangeException {
        if (connection instanceof JdbcConnection jdbc) {
            return jdbc.getUnderlyingConnection();
        }
        throw new CustomChangeException("pgpart needs a JDBC connection to maintain partitions; this update has "
                + connection.getClass().getName() + " (offline or SQL-output mode): run it against the database");
    }

    private static String abandonedNote(BorrowedConnectionDataSource borrowed) {
        return borrowed.abandoned() ? "\nLiquibase's connection may still carry pgpart's session settings (TimeZone,"
                + " DateStyle, IntervalStyle, application_name, lock_timeout, statement_timeout): do not reuse it" : "";
    }

    private static String failures(MaintainResult r) {
        return r.results().stream().filter(a -> a.outcome() == Outcome.FAILED)
                .map(a -> a.action().describe() + ": " + a.detail()).toList() + " " + r.plan().skipped();
    }
}

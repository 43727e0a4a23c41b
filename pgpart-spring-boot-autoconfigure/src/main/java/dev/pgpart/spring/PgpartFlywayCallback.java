package dev.pgpart.spring;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.api.Pgpart;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.spec.Spec;
import java.util.Objects;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs pgpart's maintain after {@code flyway migrate}, for teams that migrate outside Spring (the
 * Flyway API, a deploy job): the partitions of the tables the migration made exist when it ends.
 *
 * <pre>{@code Flyway.configure().dataSource(ds).callbacks(new PgpartFlywayCallback(spec, false)).load().migrate();}</pre>
 *
 * Runs outside Flyway's transaction, on Flyway's DataSource, under pgpart's own advisory lock; a
 * failure fails the migrate command with pgpart's message (the migrations themselves stay applied).
 */
public final class PgpartFlywayCallback implements Callback {
    private final Spec spec;
    private final boolean allowRemoval;

    public PgpartFlywayCallback(Spec spec, boolean allowRemoval) {
        this.spec = Objects.requireNonNull(spec);
        this.allowRemoval = allowRemoval;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false; // pgpart commits a transaction per table
    }

    @Override
    public void handle(Event event, Context context) {
        Pgpart pgpart = Pgpart.builder(context.getConfiguration().getDataSource()).spec(spec).application("flyway").build();
        MaintainResult r = pgpart.maintain(MaintainOptions.defaults().withConsent(allowRemoval));
        if (r.hasFailures() || r.hasConfigProblems()) {
            throw new PgpartException(ErrorCode.DATABASE, "pgpart maintain after flyway migrate did not finish: "
                    + r.results().stream().filter(a -> a.outcome() == dev.pgpart.api.Outcome.FAILED)
                    .map(a -> a.action().describe() + ": " + a.detail()).toList() + " " + r.plan().skipped()
                    + "; the migrations stay applied, run pgpart maintain again once the cause is fixed");
        }
    }

    @Override
    public String getCallbackName() {
        return "pgpart";
    }
}

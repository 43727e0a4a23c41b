package dev.pgpart.spring;

import dev.pgpart.PgpartException;
import dev.pgpart.spec.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A startup failure of pgpart's as a short report: every configuration problem with where it is, and what to do. */
final class PgpartConfigFailureAnalyzer extends AbstractFailureAnalyzer<PgpartException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, PgpartException cause) {
        if (cause instanceof ConfigException c) {
            return new FailureAnalysis("pgpart's configuration has problems (nothing was changed in the database):\n"
                    + c.getMessage(), "Fix each setting named above. In application.yml a table name with a dot goes in"
                    + " brackets, e.g. pgpart.tables.\"[sales.orders]\".interval, or write the table without its schema"
                    + " (orders means public.orders); every key is documented in docs/config.md.", cause);
        }
        return new FailureAnalysis(cause.getMessage(), "See the message above; docs/guide-spring-boot.md lists the"
                + " pgpart.* settings.", cause);
    }
}

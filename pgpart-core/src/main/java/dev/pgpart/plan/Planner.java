package dev.pgpart.plan;

import dev.pgpart.catalog.Catalog;
import dev.pgpart.spec.Spec;
import java.time.Instant;

/**
 * The pure heart of pgpart: given what the user wants, what the database has and the time,
 * decide what to do. No I/O, no clock, no JDBC: everything it needs is in its arguments.
 */
public final class Planner {
    public Plan plan(Spec spec, Catalog catalog, Instant now) {
        throw new UnsupportedOperationException("implemented by the planner work");
    }
}

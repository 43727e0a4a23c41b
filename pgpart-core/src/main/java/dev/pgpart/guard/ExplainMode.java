package dev.pgpart.guard;

/** How the statement was explained; reports say it, because the numbers mean different things. */
public enum ExplainMode {
    /** No parameters: the statement as written. */
    LITERAL("statement as written (no parameters)"),
    /**
     * {@code EXPLAIN (GENERIC_PLAN)}, PostgreSQL 16+, no values: plan-time pruning only. Pruning on
     * parameters happens when the executor starts, with values this mode does not have.
     */
    GENERIC_PLAN("generic plan (EXPLAIN GENERIC_PLAN, no parameter values): pruning on parameters is not evaluated;"
            + " give values to see it"),
    /** The parameters bound to the given values: the plan the first execution with them gets. */
    BOUND_VALUES("parameters bound to the given values");

    private final String description;

    ExplainMode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

package dev.pgpart.guard.jdbc;

/** Hears each decision the guard takes about a SQL text other than a plain pass: once per text while it is cached. */
@FunctionalInterface
public interface GuardListener {
    GuardListener NONE = (sql, verdict, action) -> { };

    /** What happened to the statement. */
    enum Action { REJECTED, LOGGED, PASSED_UNCHECKED }

    /**
     * @param verdict a {@link Verdict.Violation}, or a {@link Verdict.Unjudged} that was let through
     */
    void decided(String sql, Verdict verdict, Action action);
}

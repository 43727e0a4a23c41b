package dev.pgpart.spec;

import dev.pgpart.sql.QualifiedName;
import java.util.Optional;

/**
 * One thing wrong with the configuration.
 *
 * @param where   where it is, e.g. {@code pgpart.yml:7 tables."public.orders".interval}
 * @param table   the configured table it concerns; empty for settings of the whole file
 * @param problem what is wrong, with the observed value
 * @param fix     what to write instead
 */
public record ConfigProblem(String where, Optional<QualifiedName> table, String problem, String fix) {

    /** A problem of the file as a whole (syntax, an unreadable file, top-level settings). */
    public ConfigProblem(String where, String problem, String fix) {
        this(where, Optional.empty(), problem, fix);
    }

    /** The problem and its fix as one sentence, for reports that name the table elsewhere. */
    public String message() {
        return problem + (fix.isEmpty() ? "" : " (" + fix + ")");
    }

    @Override
    public String toString() {
        return where + ": " + problem + (fix.isEmpty() ? "" : " -> " + fix);
    }
}

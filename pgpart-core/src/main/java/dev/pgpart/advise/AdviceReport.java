package dev.pgpart.advise;

import java.util.List;

/**
 * What {@code pgpart advise} found, worst first, and what it could not look at.
 *
 * @param notes one line per check that was skipped or limited, e.g. pg_stat_statements not installed
 */
public record AdviceReport(List<Advice> advice, List<Note> notes) {
    public AdviceReport {
        advice = List.copyOf(advice);
        notes = List.copyOf(notes);
    }

    public boolean clean() {
        return advice.isEmpty();
    }

    /** @param check the check concerned, e.g. {@code pg_stat_statements} */
    public record Note(String check, String message) {
    }
}

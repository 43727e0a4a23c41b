package dev.pgpart.convert;

import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.sql.QualifiedName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code pgpart convert plan} shows and {@code convert run} executes: the phases in order with
 * their SQL and locks, what is carried over, estimates, and what blocks the conversion (with the fix).
 *
 * @param boundary the lowest key of the first new partition: the old table keeps every key below it
 * @param warnings what does not block but behaves differently on the partitioned table (the DBA decides)
 */
public record ConvertPlan(QualifiedName table, ConvertSpec.Strategy strategy, Optional<String> boundary,
                          List<Phase> phases, List<String> carried, List<Blocker> blockers, List<String> warnings,
                          Duration estimatedTime, long extraBytes) {
    public ConvertPlan {
        phases = List.copyOf(phases);
        carried = List.copyOf(carried);
        blockers = List.copyOf(blockers);
        warnings = List.copyOf(warnings);
    }

    public boolean ready() {
        return blockers.isEmpty();
    }

    /** A phase: its stable job name, what it locks and for how long, and its statements. */
    public record Phase(String name, String locks, List<String> statements) {
        public Phase {
            statements = List.copyOf(statements);
        }
    }

    /**
     * User row triggers that run BEFORE INSERT: on a partitioned table an UPDATE that changes the
     * key so the row moves to another partition is a DELETE plus an INSERT, and PostgreSQL fires
     * the BEFORE INSERT row triggers on the destination partition (after the BEFORE UPDATE ones on
     * the source): such a trigger runs again for a row that is not new. One rule for both strategies.
     */
    public static List<String> warnings(Source s) {
        String key = s.key().map(Source.Col::name).orElse("the partition key");
        return s.triggers().stream().filter(Source.Trig::beforeInsertRow).map(tr -> "trigger " + tr.name() + " runs BEFORE"
                + " INSERT FOR EACH ROW: after the conversion an UPDATE of " + key + " that moves a row to another partition"
                + " is a DELETE plus an INSERT, and fires it again (after BEFORE UPDATE) for that row. Check that it"
                + " does nothing a second time that it must do once (counters, audit rows, default ids), or make it"
                + " skip rows that are not new").toList();
    }

    /** Something that stops the conversion until it is fixed. */
    public record Blocker(String problem, String fix) {
    }
}

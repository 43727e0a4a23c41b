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
 */
public record ConvertPlan(QualifiedName table, ConvertSpec.Strategy strategy, Optional<String> boundary,
                          List<Phase> phases, List<String> carried, List<Blocker> blockers, Duration estimatedTime,
                          long extraBytes) {
    public ConvertPlan {
        phases = List.copyOf(phases);
        carried = List.copyOf(carried);
        blockers = List.copyOf(blockers);
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

    /** Something that stops the conversion until it is fixed. */
    public record Blocker(String problem, String fix) {
    }
}

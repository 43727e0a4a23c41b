package dev.pgpart.advise;

import dev.pgpart.guard.TablePruning;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Statements that do not prune, one advice per table they read whole; statements that could not be explained. */
final class StatementRules {
    private StatementRules() {
    }

    /** @param tableOf for an unexplained statement, the partitioned table its text names */
    static List<Advice> of(List<StatementVerdict> verdicts, java.util.function.Function<String, QualifiedName> tableOf) {
        List<Advice> out = new ArrayList<>();
        for (StatementVerdict v : verdicts) {
            out.addAll(v.match(p -> List.of(),
                    s -> s.offenders().stream().map(t -> notPruning(s.stat(), t)).toList(),
                    u -> List.of(unknown(u, tableOf.apply(u.stat().query())))));
        }
        return out;
    }

    private static Advice notPruning(StatementStat s, TablePruning t) {
        return new Advice(Severity.HIGH, AdviceKind.STATEMENT_NOT_PRUNING, t.table(),
                String.format(Locale.ROOT, "reads %d of %d partitions of %s: %d calls, %.1f ms in total: %s",
                        t.scannedCount(), t.partitions(), t.table(), s.calls(), s.totalMillis(), s.query()),
                "give the statement a condition on the partition key of " + t.table() + " (a constant or parameter"
                        + " compared to the key column itself, not through a function or cast); check it with"
                        + " pgpart explain, and in tests with the pgpart-test kit",
                s.totalMillis(), Optional.of(s));
    }

    private static Advice unknown(StatementVerdict.Unknown u, QualifiedName table) {
        StatementStat s = u.stat();
        return new Advice(Severity.LOW, AdviceKind.STATEMENT_UNKNOWN, table,
                String.format(Locale.ROOT, "could not be explained (%s): %d calls, %.1f ms in total: %s",
                        u.reason(), s.calls(), s.totalMillis(), s.query()),
                "run it through pgpart explain with values for its parameters (--param) to see whether it prunes",
                s.totalMillis(), Optional.of(s));
    }
}

package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.Optional;

/**
 * One piece of advice.
 *
 * @param table     the table the fix applies to
 * @param observed  what was seen, with names and numbers
 * @param fix       what to do about it
 * @param weight    how much it costs, for ordering advice of one severity (total milliseconds of a
 *                  statement, rows, planning milliseconds); 0 when there is no measure
 * @param statement the pg_stat_statements row the advice comes from, for statement advice
 */
public record Advice(Severity severity, AdviceKind kind, QualifiedName table, String observed, String fix,
                     double weight, Optional<StatementStat> statement) {
    public Advice {
        if (weight < 0 || Double.isNaN(weight)) {
            throw new IllegalArgumentException("weight must be 0 or more, got " + weight);
        }
    }

    public Advice(Severity severity, AdviceKind kind, QualifiedName table, String observed, String fix, double weight) {
        this(severity, kind, table, observed, fix, weight, Optional.empty());
    }
}

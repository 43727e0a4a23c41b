package dev.pgpart.guard.jdbc;

import java.util.stream.Collectors;

/** The guard's words: what is wrong (table, key, statement), what happened, what to do. */
final class Messages {
    private static final int MAX_SQL = 500;

    private Messages() {
    }

    static String rejected(Verdict.Violation v, String sql) {
        return "pgpart guard rejected a statement that would read every partition: " + what(v)
                + ". Statement: " + abbreviate(sql) + " -> The statement did not run. Filter on the partition key"
                + " itself (key = ?, key >= ? AND key < ?, key IN (...); no function or cast on the key column), or run"
                + " a deliberate full scan on a connection without the guard (mode off or log).";
    }

    static String logged(Verdict.Violation v, String sql) {
        return "pgpart guard: " + what(v) + ". Statement: " + abbreviate(sql)
                + " -> It ran anyway (mode log); filter on the partition key, or mode reject stops such statements."
                + " This is logged once per statement text.";
    }

    private static String what(Verdict.Violation v) {
        return v.offences().stream().map(o -> "partitioned table " + o.table() + " (partition key " + o.key() + "): "
                + o.missing()).collect(Collectors.joining("; "));
    }

    static String abbreviate(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() > MAX_SQL ? oneLine.substring(0, MAX_SQL) + "..." : oneLine;
    }
}

package dev.pgpart.testkit;

import dev.pgpart.guard.Param;
import java.util.List;

/** One statement the code under test ran, with the values it bound (in parameter order). */
public record RecordedStatement(String sql, List<Param> params) {
    public RecordedStatement {
        params = List.copyOf(params);
    }

    /** Statements EXPLAIN can take; DDL, SET, transaction control and the like are not checked. */
    boolean explainable() {
        String head = sql.stripLeading().replaceFirst("^\\(+", "");
        int end = 0;
        while (end < head.length() && Character.isLetter(head.charAt(end))) {
            end++;
        }
        return switch (head.substring(0, end).toLowerCase(java.util.Locale.ROOT)) {
            case "select", "with", "insert", "update", "delete", "merge", "values", "table" -> true;
            default -> false;
        };
    }
}

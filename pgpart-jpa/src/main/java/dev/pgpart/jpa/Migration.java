package dev.pgpart.jpa;

import dev.pgpart.sql.QualifiedName;
import java.util.List;

/**
 * The statements that create one partitioned entity's table, with the comment lines that say where
 * they came from. Deterministic: nothing in it depends on when or where it was generated, except the
 * instant the initial partitions were planned for, which it names.
 */
public record Migration(QualifiedName table, Class<?> entity, List<String> comments, List<String> statements) {
    public Migration {
        comments = List.copyOf(comments);
        statements = List.copyOf(statements);
    }

    /** {@code orders}, or {@code sales_orders} outside {@code public}: a file- and changeset-safe name. */
    public String slug() {
        String base = table.schema().equals("public") ? table.name() : table.schema() + "_" + table.name();
        String s = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        return s.isEmpty() ? "table" : s;
    }

    /** Plain SQL: the comments, then each statement ended by a semicolon and a blank line. */
    public String sql() {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("-- ").append(c).append('\n'));
        out.append('\n');
        statements.forEach(s -> out.append(s).append(";\n\n"));
        return out.toString();
    }

    /** The statement that undoes it (dropping the parent drops its partitions). */
    public String rollback() {
        return "DROP TABLE " + table.sql();
    }
}

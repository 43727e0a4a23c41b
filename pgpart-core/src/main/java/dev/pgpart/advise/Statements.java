package dev.pgpart.advise;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which pg_stat_statements rows are worth explaining. */
final class Statements {
    private static final Set<String> READS = Set.of("select", "with", "update", "delete", "merge", "table");

    private Statements() {
    }

    static String withoutLeadingComments(String sql) {
        String s = sql.stripLeading();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).stripLeading();
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).stripLeading();
            } else {
                return s;
            }
        }
    }

    /** The first word, lower case: {@code select}, {@code explain} ... */
    static String verb(String sql) {
        String s = withoutLeadingComments(sql);
        int i = 0;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return s.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /**
     * A statement that reads rows (SELECT, WITH, UPDATE, DELETE, MERGE) and names one of the
     * partitioned tables (by table name as a whole word, case-insensitive, so {@code events_0} or
     * {@code pg_class} do not name {@code events} or {@code class}): the only ones whose pruning matters.
     * INSERT ... VALUES reads no partition; EXPLAIN, DDL and utility statements are not the application's reads.
     */
    static boolean candidate(String sql, List<String> partitionedNames) {
        if (!READS.contains(verb(sql))) {
            return false;
        }
        return partitionedNames.stream().anyMatch(n -> names(sql, n));
    }

    /** Whether {@code sql} has {@code name} as a whole identifier (case-insensitive). */
    static boolean names(String sql, String name) {
        return java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}_$])" + java.util.regex.Pattern.quote(name)
                + "(?![\\p{L}\\p{N}_$])", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                .matcher(sql).find();
    }
}

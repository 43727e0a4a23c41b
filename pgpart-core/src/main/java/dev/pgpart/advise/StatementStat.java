package dev.pgpart.advise;

/**
 * One row of pg_stat_statements (this database, all users).
 *
 * @param query        the normalized text, constants as $n
 * @param totalMillis  total execution time
 */
public record StatementStat(String query, long calls, double totalMillis, long rows) {
}

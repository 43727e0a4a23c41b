package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DELETE from pg_stat_statements and the table it deletes from, read from its text (enough for
 * the {@code DELETE FROM [ONLY] name WHERE ...} that ORMs send; anything else is not one).
 */
record DeleteStatement(QualifiedName target, StatementStat stat) {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern DELETE = Pattern.compile(
            "^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?)", Pattern.CASE_INSENSITIVE);

    static Optional<DeleteStatement> of(StatementStat s) {
        Matcher m = DELETE.matcher(Statements.withoutLeadingComments(s.query()));
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new DeleteStatement(QualifiedName.parse(m.group(1).replaceAll("\\s*\\.\\s*", ".")), s));
    }

    /** Whether the WHERE clause names {@code column} (as a whole word, or quoted). */
    boolean filtersOn(String column) {
        String text = stat.query();
        int where = text.toLowerCase(Locale.ROOT).indexOf("where");
        if (where < 0) {
            return false;
        }
        String condition = text.substring(where);
        String quoted = Pattern.quote("\"" + column.replace("\"", "\"\"") + "\"");
        String plain = "(?i)(?<![A-Za-z0-9_$\"])" + Pattern.quote(column) + "(?![A-Za-z0-9_$\"])";
        return Pattern.compile(quoted).matcher(condition).find()
                || (column.equals(column.toLowerCase(Locale.ROOT)) && Pattern.compile(plain).matcher(condition).find());
    }
}

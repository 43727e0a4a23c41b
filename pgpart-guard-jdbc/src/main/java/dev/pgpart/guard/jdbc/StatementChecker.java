package dev.pgpart.guard.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Judges SQL text against the catalog's partitioned tables, from the text alone (pure: no
 * database). JSqlParser reads the statement; {@link QueryWalker} finds each partitioned table and
 * the conditions that reach it.
 */
public final class StatementChecker {
    private final KeyCatalog catalog;

    public StatementChecker(KeyCatalog catalog) {
        this.catalog = catalog;
    }

    public Verdict check(String sql) {
        Statements statements;
        try {
            // on the caller's thread: CCJSqlParserUtil.parse would hand each parse to an executor thread
            statements = new CCJSqlParser(new StringProvider(sql)).Statements();
        } catch (ParseException | RuntimeException | Error e) {
            return readsData(sql) ? new Verdict.Unjudged("the SQL parser cannot read it: " + firstLine(e.getMessage()))
                    : new Verdict.Allowed("not a query (and not parsed)");
        }
        List<Verdict.Offence> offences = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        for (Statement st : statements) {
            QueryWalker walker = new QueryWalker(catalog);
            if (st instanceof Select s) {
                walker.select(s);
            } else if (st instanceof Update u) {
                walker.update(u);
            } else if (st instanceof Delete d) {
                walker.delete(d);
            } else if (st instanceof Insert i) {
                walker.insert(i);
            } else if (st instanceof Merge) {
                unjudged.add("MERGE is not checked from its text");
            } else if (st instanceof UnsupportedStatement) {
                if (readsData(st.toString())) {
                    unjudged.add("the SQL parser cannot read it");
                }
            }
            offences.addAll(walker.offences());
            unjudged.addAll(walker.unjudged());
        }
        if (!offences.isEmpty()) {
            return new Verdict.Violation(offences);
        }
        if (!unjudged.isEmpty()) {
            return new Verdict.Unjudged(String.join("; ", unjudged));
        }
        return new Verdict.Allowed("every partitioned table it touches is constrained on its key, or it touches none");
    }

    /** The statements that can read a partitioned table; DDL, SET, COPY and the like are not the guard's business. */
    static boolean readsData(String sql) {
        String head = sql.stripLeading().toLowerCase(Locale.ROOT);
        while (head.startsWith("(")) {
            head = head.substring(1).stripLeading();
        }
        for (String k : List.of("select", "with", "update", "delete", "insert", "merge", "table", "values")) {
            if (head.startsWith(k) && (head.length() == k.length() || !Character.isLetterOrDigit(head.charAt(k.length())))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        String m = message == null ? "no detail" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

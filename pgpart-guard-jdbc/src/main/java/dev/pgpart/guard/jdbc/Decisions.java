package dev.pgpart.guard.jdbc;

import dev.pgpart.PgpartException;
import dev.pgpart.guard.ExplainOptions;
import dev.pgpart.guard.Param;
import dev.pgpart.guard.PruningAnalyzer;
import dev.pgpart.guard.PruningReport;
import dev.pgpart.guard.SqlText;
import dev.pgpart.guard.TablePruning;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns verdicts into what happens to a statement, under one catalog snapshot, and caches that per
 * SQL text. Logging and the listener happen when a decision is made, so once per text while cached.
 */
final class Decisions {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionKeyGuard.class);

    private sealed interface Decision {
    }

    private record Pass() implements Decision {
    }

    private record Reject(String message) implements Decision {
    }

    /** The text cannot tell, and EXPLAIN needs the values the statement will be bound to. */
    private record ExplainWithValues(String why) implements Decision {
    }

    private static final Pass PASS = new Pass();

    private final KeyCatalog catalog;
    private final StatementChecker checker;
    private final GuardOptions options;
    private final DataSource source;
    private final VerdictCache<Decision> cache;

    Decisions(KeyCatalog catalog, GuardOptions options, DataSource source) {
        this.catalog = catalog;
        this.checker = new StatementChecker(catalog);
        this.options = options;
        this.source = source;
        this.cache = new VerdictCache<>(options.cacheSize());
    }

    KeyCatalog catalog() {
        return catalog;
    }

    int cachedCount() {
        return cache.size();
    }

    /** @return true when the statement can only be decided at execution, with its values */
    boolean enforce(String sql, List<Param> values, boolean valuesKnown) throws SQLException {
        Decision d = cache.get(sql).orElseGet(() -> decideAndCache(sql));
        if (d instanceof ExplainWithValues pending) {
            if (!valuesKnown) {
                return true;
            }
            d = explained(sql, values, pending.why());
            cache.put(sql, d);
        }
        if (d instanceof Reject r) {
            throw new SQLException(r.message(), PartitionKeyGuard.SQLSTATE);
        }
        return false;
    }

    private Decision decideAndCache(String sql) {
        Decision d = decide(sql, checker.check(sql));
        cache.put(sql, d);
        return d;
    }

    private Decision decide(String sql, Verdict verdict) {
        if (verdict instanceof Verdict.Violation v) {
            return violation(sql, v, "");
        }
        if (verdict instanceof Verdict.Unjudged u) {
            if (options.unreadable() == Unreadable.PASS) {
                return unchecked(sql, u);
            }
            return new ExplainWithValues(u.why());
        }
        return PASS;
    }

    private Decision explained(String sql, List<Param> values, String why) {
        PruningReport report;
        try {
            boolean needsValues = SqlText.of(sql).parameterCount() > 0;
            report = new PruningAnalyzer(source).analyze(sql, needsValues ? values : List.of(),
                    new ExplainOptions(false, options.explainLimits()));
        } catch (PgpartException e) {
            return unchecked(sql, new Verdict.Unjudged(why + "; EXPLAIN failed too: " + e.getMessage()));
        }
        if (report.ok()) {
            return PASS;
        }
        List<Verdict.Offence> offences = report.offenders().stream().map(this::offence).toList();
        return violation(sql, new Verdict.Violation(offences), " (judged by EXPLAIN: " + why + ")");
    }

    private Verdict.Offence offence(TablePruning t) {
        String key = catalog.tables().containsKey(t.table()) ? catalog.tables().get(t.table()).keyText() : "its key";
        return new Verdict.Offence(t.table(), key, "scans " + t.scannedCount() + " of " + t.partitions()
                + " partitions (limit " + t.limit() + ")");
    }

    private Decision violation(String sql, Verdict.Violation v, String how) {
        if (options.mode() == GuardMode.REJECT) {
            options.listener().decided(sql, v, GuardListener.Action.REJECTED);
            return new Reject(Messages.rejected(v, sql) + how);
        }
        LOG.warn("{}{}", Messages.logged(v, sql), how);
        options.listener().decided(sql, v, GuardListener.Action.LOGGED);
        return PASS;
    }

    private Decision unchecked(String sql, Verdict.Unjudged u) {
        LOG.info("pgpart guard: not checked, let through: {} ({}). This is logged once per statement text.",
                Messages.abbreviate(sql), u.why());
        options.listener().decided(sql, u, GuardListener.Action.PASSED_UNCHECKED);
        return PASS;
    }
}

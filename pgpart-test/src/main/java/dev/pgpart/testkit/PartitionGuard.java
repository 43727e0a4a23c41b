package dev.pgpart.testkit;

import dev.pgpart.PgpartException;
import dev.pgpart.guard.ExplainOptions;
import dev.pgpart.guard.PartitionLimits;
import dev.pgpart.guard.PruningAnalyzer;
import dev.pgpart.guard.PruningReport;
import dev.pgpart.sql.QualifiedName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that records every statement the code under test runs through a
 * {@link #wrap wrapped} DataSource and, after each test, explains each one and fails the test if a
 * statement scans more partitions of a partitioned table than allowed, listing every offender.
 *
 * <pre>{@code
 * @RegisterExtension
 * final PartitionGuard guard = PartitionGuard.maxPartitions(1).limit("public.audit_log", 3);
 * }</pre>
 *
 * Not thread-confined: statements from other threads of the test are recorded too.
 */
public final class PartitionGuard implements BeforeEachCallback, AfterEachCallback {
    private final PartitionLimits limits;
    private final List<Pattern> allowed;
    private final List<RecordedStatement> recorded = new CopyOnWriteArrayList<>();
    private final List<DataSource> targets = new CopyOnWriteArrayList<>();

    private PartitionGuard(PartitionLimits limits, List<Pattern> allowed) {
        this.limits = limits;
        this.allowed = List.copyOf(allowed);
    }

    /** At most {@code n} partitions per partitioned table and statement, unless {@link #limit} says otherwise. */
    public static PartitionGuard maxPartitions(int n) {
        return new PartitionGuard(PartitionLimits.of(n), List.of());
    }

    /** Another limit for one partitioned table (its root): {@code "sales.orders"}, {@code "orders"} (public). */
    public PartitionGuard limit(String table, int n) {
        return new PartitionGuard(limits.with(QualifiedName.parse(table), n), allowed);
    }

    /** Statements whose SQL matches {@code regex} (found anywhere, case-insensitive) are deliberate full scans: not judged. */
    public PartitionGuard allowFullScan(String regex) {
        List<Pattern> more = new ArrayList<>(allowed);
        more.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        return new PartitionGuard(limits, more);
    }

    /**
     * The DataSource to give the code under test. Statements are explained afterwards on
     * {@code target} itself, so the analysis is not recorded.
     */
    public DataSource wrap(DataSource target) {
        targets.add(target);
        return RecordingDataSource.wrap(target, recorded::add);
    }

    /** What was recorded so far in this test, in order. */
    public List<RecordedStatement> statements() {
        return List.copyOf(recorded);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        recorded.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<RecordedStatement> ran = statements();
        recorded.clear();
        if (targets.isEmpty() || allowedHere(context)) {
            return;
        }
        Map<RecordedStatement, Integer> distinct = new LinkedHashMap<>();
        ran.stream().filter(RecordedStatement::explainable).filter(s -> !allowedSql(s.sql()))
                .forEach(s -> distinct.merge(s, 1, Integer::sum));
        List<String> offences = new ArrayList<>();
        distinct.forEach((s, times) -> judge(s).ifPresent(o -> offences.add(o + (times > 1 ? "\n   (run " + times + " times)" : ""))));
        if (!offences.isEmpty()) {
            throw new AssertionError(message(offences, ran.size()));
        }
    }

    private Optional<String> judge(RecordedStatement s) {
        try {
            PruningReport r = new PruningAnalyzer(targets.get(0)).analyze(s.sql(), s.params(), new ExplainOptions(false, limits));
            return r.ok() ? Optional.empty() : Optional.of(Reports.statement(r) + Reports.offenders(r));
        } catch (PgpartException e) {
            // not silently passed: a statement the guard cannot judge is reported like an offender
            return Optional.of(s.sql() + "\n   could not be explained: " + e.getMessage());
        }
    }

    private boolean allowedHere(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, AllowFullScans.class)).isPresent()
                || context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, AllowFullScans.class)).isPresent();
    }

    private boolean allowedSql(String sql) {
        return allowed.stream().anyMatch(p -> p.matcher(sql).find());
    }

    private String message(List<String> offences, int statements) {
        StringBuilder sb = new StringBuilder(offences.size() + " of the " + statements
                + " statement(s) this test ran scanned more partitions than allowed (limit " + limits.defaultLimit()
                + (limits.perTable().isEmpty() ? "" : ", per table " + limits.perTable()) + "):");
        for (int i = 0; i < offences.size(); i++) {
            sb.append("\n\n").append(i + 1).append(") ").append(offences.get(i));
        }
        return sb.append("\n\nFilter on the partition key (no function or cast on it), or mark a deliberate full scan:"
                + " allowFullScan(\"regex\") on the guard, @AllowFullScans(\"why\") on the test, or limit(\"schema.table\", n).")
                .toString();
    }
}

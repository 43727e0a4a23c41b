package dev.pgpart.advise;

import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the database and tells what to change, worst first. Only reads: catalog queries, one
 * pg_stat_statements query, EXPLAIN without ANALYZE, and one row of a few partitions (a key value for
 * the planning measurement). Used through {@code Pgpart.advise}, which lends it a prepared session.
 */
public final class Advisor {
    private final Map<QualifiedName, String> conversionKeys;

    /** @param conversionKeys tables pgpart.yml declares with {@code key:} and that key (plain ones are conversion targets) */
    public Advisor(Map<QualifiedName, String> conversionKeys) {
        this.conversionKeys = Map.copyOf(conversionKeys);
    }

    public AdviceReport advise(Connection c, AdviseOptions options) throws SQLException {
        List<Advice> advice = new ArrayList<>();
        List<AdviceReport.Note> notes = new ArrayList<>();
        // first, while no table is open on this session: the first planning is then a new connection's
        List<PlanningProbe.Root> all = PlanningProbe.roots(c);
        List<PlanningProbe.Root> roots = all.stream()
                .filter(r -> options.table().isEmpty() || options.table().get().equals(r.table())).toList();
        PlanningProbe.Measured planning = PlanningProbe.measure(c, roots);
        planning.times().forEach(p -> PlanningTime.advice(p, options.planningMillis()).ifPresent(advice::add));
        notes.addAll(planning.notes());

        advice.addAll(PartitionRules.of(PartitionFacts.read(c), options));
        advice.addAll(IndexRules.missing(IndexFacts.leaves(c)));
        advice.addAll(IndexRules.invalid(IndexFacts.invalid(c)));

        List<KeyConstraint> uniques = ConstraintFacts.uniques(c, conversionKeys.keySet());
        advice.addAll(ConstraintRules.uniques(uniques, conversionKeys));

        StatementStats.Read stats = StatementStats.read(c, options.statements());
        notes.addAll(stats.notes());
        List<DeleteStatement> deletes = stats.statements().stream().map(DeleteStatement::of).flatMap(Optional::stream).toList();
        advice.addAll(ConstraintRules.foreignKeys(ConstraintFacts.foreignKeys(c, conversionKeys.keySet()), conversionKeys,
                deletes));

        List<QualifiedName> partitioned = all.stream().map(PlanningProbe.Root::table).toList();
        List<String> names = partitioned.stream().map(QualifiedName::name).toList();
        List<StatementStat> candidates = stats.statements().stream()
                .filter(s -> Statements.candidate(s.query(), names)).toList();
        advice.addAll(StatementRules.of(StatementExplainer.explain(c, candidates), q -> named(q, partitioned)));

        List<Advice> selected = advice.stream()
                .filter(a -> options.table().isEmpty() || options.table().get().equals(a.table())).toList();
        return new AdviceReport(Ranking.worstFirst(selected), notes);
    }

    /** The first partitioned table a statement's text names (the candidate filter guarantees one). */
    private static QualifiedName named(String query, List<QualifiedName> partitioned) {
        return partitioned.stream().filter(t -> Statements.names(query, t.name())).findFirst().orElseThrow();
    }
}

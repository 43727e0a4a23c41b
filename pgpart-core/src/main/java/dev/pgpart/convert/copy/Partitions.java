package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.KeyColumn;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.api.ActionResult;
import dev.pgpart.internal.exec.Executor;
import dev.pgpart.api.MaintainOptions;
import dev.pgpart.api.MaintainResult;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.api.Outcome;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.Planner;
import dev.pgpart.plan.RangeDomain;
import dev.pgpart.plan.RangeDomains;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.Start;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the new parent's partitions with pgpart's own planner and executor, so names and bounds
 * are exactly what {@code pgpart maintain} produces for the table afterwards. The planner is asked
 * about the table under its final name (children are named after it) with {@code start} lowered
 * to the slot holding the smallest key and, for numeric keys, the greatest key as its highest
 * key; the actions are then pointed at the new parent. Repeatable: partitions are matched by
 * bounds, so a second run creates only what is missing.
 */
final class Partitions {
    /** Runs are capped by max_partitions_per_run; a long history needs several. */
    private static final int MAX_ROUNDS = 1000;

    private Partitions() {
    }

    static int create(Connection c, CopySettings s) throws SQLException {
        QualifiedName parent = s.names().newParent();
        int created = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Catalog real = new CatalogReader().read(c, List.of(parent));
            TableInfo info = real.table(parent).orElseThrow(() -> new PgpartException(ErrorCode.INTERNAL,
                    parent + " disappeared while its partitions were being created"));
            Extent extent = extent(c, s.table(), s.key());
            TableSpec spec = withStart(s.spec(), info, extent);
            TableInfo asFinal = new TableInfo(s.table(), info.kind(), info.strategy(), info.key(), info.partitions(),
                    info.defaultPartition(), info.defaultContents(),
                    numeric(info) ? extent.max() : info.highestKey(), info.properties(), info.columns(), info.moveHazards());
            Catalog planned = new Catalog(real.serverVersionNum(), Map.of(s.table(), asFinal), real.relationNames());
            Plan plan = new Planner().plan(new Spec(s.lockTimeout(), List.of(spec)), planned, s.clock().instant());
            List<Action> creates = plan.actions().stream().filter(a -> a instanceof CreatePartition
                    || a instanceof CreateDefaultPartition).map(a -> retarget(a, parent)).toList();
            if (creates.isEmpty()) {
                return created;
            }
            Plan forParent = new Plan(plan.at(), List.of(new TablePlan(parent, creates, List.of())));
            MaintainResult result = new Executor().execute(c, forParent, real, MaintainOptions.defaults(),
                    Map.of(parent, s.lockTimeout()), MaintenanceListener.NONE);
            for (ActionResult r : result.results()) {
                if (r.outcome() == Outcome.FAILED) {
                    throw new PgpartException(ErrorCode.DATABASE, s.table() + ": could not " + r.action().describe()
                            + " for the copy: " + r.detail() + ". The original table is untouched; fix that and run again"
                            + " to resume, or undo the conversion");
                }
            }
            created += creates.size();
        }
        throw new PgpartException(ErrorCode.INTERNAL, s.table() + ": the planner still wanted partitions after "
                + MAX_ROUNDS + " rounds");
    }

    private static Action retarget(Action a, QualifiedName parent) {
        if (a instanceof CreatePartition p) {
            return new CreatePartition(parent, p.partition(), p.bound(), p.defaultExists(), p.rowsFromDefault(),
                    p.subpartitions());
        }
        return new CreateDefaultPartition(parent, ((CreateDefaultPartition) a).partition());
    }

    private static boolean numeric(TableInfo info) {
        return info.singleKeyColumn().map(k -> k.type().isNumber()).orElse(false);
    }

    /** Smallest and greatest key of the original table, as PostgreSQL prints them (empty for an empty table). */
    record Extent(Optional<String> min, Optional<String> max) {
    }

    static Extent extent(Connection c, QualifiedName table, String key) throws SQLException {
        String k = Sql.ident(key);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(" + k + ")::text, max(" + k + ")::text FROM " + table.sql())) {
            rs.next();
            return new Extent(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2)));
        }
    }

    /** The spec with {@code start} at the lower bound of the slot holding the smallest key, unless it already is lower. */
    static TableSpec withStart(TableSpec spec, TableInfo parent, Extent extent) {
        if (!(spec.policy() instanceof RangePolicy policy) || extent.min().isEmpty() || parent.singleKeyColumn().isEmpty()) {
            return spec;
        }
        KeyColumn key = parent.singleKeyColumn().get();
        RangeDomain domain = RangeDomains.of(policy, key);
        long slot = domain.slotOf(domain.ordinal(extent.min().get()));
        Start lowest = domain.localLower(slot).<Start>map(Start.AtTime::new)
                .orElseGet(() -> new Start.AtValue(domain.lower(slot)));
        Start start = policy.start().filter(existing -> lower(existing, lowest, domain)).orElse(lowest);
        RangePolicy widened = new RangePolicy(policy.interval(), policy.premake(), Optional.of(start), policy.retention(),
                policy.onExpiry(), policy.timeZone(), policy.idEncoding());
        return new TableSpec(spec.table(), widened, spec.defaultPartition(), spec.lockTimeout(), spec.subpartition(),
                spec.nameFormat(), spec.expireUnmanaged(), spec.maxPartitionsPerRun());
    }

    private static boolean lower(Start existing, Start lowest, RangeDomain domain) {
        if (existing instanceof Start.AtValue v && lowest instanceof Start.AtValue l) {
            return v.value().compareTo(l.value()) <= 0;
        }
        if (existing instanceof Start.AtTime t && lowest instanceof Start.AtTime l) {
            return !t.localTime().isAfter(l.localTime());
        }
        return false;
    }

}

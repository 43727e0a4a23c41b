package dev.pgpart.api;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.catalog.DefaultContents;
import dev.pgpart.internal.catalog.Partition;
import dev.pgpart.internal.catalog.TableInfo;
import dev.pgpart.internal.exec.AdvisoryLock;
import dev.pgpart.internal.exec.Executor;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.BoundText;
import dev.pgpart.plan.ManualNames;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.DefaultRows;
import dev.pgpart.plan.DetachPartition;
import dev.pgpart.plan.DropPartition;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.TablePlan;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code partition add|detach|drop}: one action built by hand instead of by the planner, run by
 * the same executor under the same maintenance lock, lock_timeout and consent rules.
 */
final class ManualPartitions {
    private final Sessions sessions;
    private final Spec spec;
    private final Clock clock;
    private final MaintenanceListener listener;

    ManualPartitions(Sessions sessions, Spec spec, Clock clock, MaintenanceListener listener) {
        this.sessions = sessions;
        this.spec = spec;
        this.clock = clock;
        this.listener = listener;
    }

    ActionResult add(QualifiedName parent, Bound bound, Optional<String> name) {
        return sessions.withSession(c -> {
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, MaintainOptions.defaults().lockWait())) {
                Catalog catalog = sessions.read(c, List.of(parent), false);
                TableInfo info = partitioned(catalog, parent);
                fits(info, bound);
                QualifiedName child = name.map(parent::sibling).orElseGet(() -> ManualNames.derive(parent,
                        spec.table(parent).flatMap(TableSpec::nameFormat), bound, catalog).orElseThrow(() ->
                        new PgpartException(ErrorCode.CONFIG, "cannot derive a name for the new partition of " + parent
                                + " from " + BoundText.of(bound) + ": pass --name")));
                Action action;
                if (bound instanceof Bound.Default) {
                    action = new CreateDefaultPartition(parent, child);
                } else {
                    long waiting = info.defaultContents().map(DefaultContents::rows).orElse(0L);
                    action = new CreatePartition(parent, child, bound, info.defaultPartition().isPresent(),
                            waiting == 0 ? DefaultRows.none() : DefaultRows.unknown(), Optional.empty());
                }
                return single(c, catalog, action, true);
            }
        });
    }

    ActionResult remove(QualifiedName partition, boolean consent, boolean drop) {
        return sessions.withSession(c -> {
            try (AdvisoryLock.Held lock = AdvisoryLock.acquire(c, MaintainOptions.defaults().lockWait())) {
                QualifiedName parent = new CatalogReader().parentOf(c, partition).orElseThrow(() ->
                        new PgpartException(ErrorCode.CONFIG, partition + " is not a partition of any table"));
                Catalog catalog = sessions.read(c, List.of(parent), false);
                TableInfo info = partitioned(catalog, parent);
                Partition p = info.partitions().stream().filter(x -> x.name().equals(partition)).findFirst()
                        .or(() -> info.defaultPartition().filter(d -> d.name().equals(partition)))
                        .orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, partition + " is not attached to " + parent));
                boolean concurrently = catalog.majorVersion() >= 14 && info.defaultPartition().isEmpty();
                String reason = "requested by hand";
                Action action = drop ? new DropPartition(parent, partition, p.bound(), concurrently, reason)
                        : new DetachPartition(parent, partition, p.bound(), concurrently, reason);
                return single(c, catalog, action, consent);
            }
        });
    }

    private ActionResult single(Connection c, Catalog catalog, Action action, boolean consent) throws SQLException {
        Plan plan = new Plan(clock.instant(), List.of(new TablePlan(action.parent(), List.of(action), List.of())));
        MaintainResult r = new Executor().execute(c, plan, catalog, MaintainOptions.defaults().withConsent(consent),
                Map.of(action.parent(), spec.table(action.parent()).map(TableSpec::lockTimeout).orElse(spec.lockTimeout())),
                listener);
        return r.results().get(0);
    }

    /**
     * A bound of the wrong kind would only fail at ATTACH with an SQL error; say it up front, as a
     * usage error naming the options that do fit.
     */
    private static void fits(TableInfo info, Bound bound) {
        TableInfo.Strategy strategy = info.strategy().orElseThrow();
        if (!BoundFit.fits(strategy, bound)) {
            String fit = switch (strategy) {
                case RANGE -> "--from X --to Y (or --default)";
                case LIST -> "--in VALUE... (or --default)";
                case HASH -> "--modulus M --remainder R (a HASH table has no default partition)";
            };
            throw new PgpartException(ErrorCode.CONFIG, info.name() + " is partitioned by " + strategy
                    + ", so a " + kind(bound) + " bound does not fit it: use " + fit + "; nothing was changed");
        }
    }

    private static String kind(Bound b) {
        if (b instanceof Bound.Range) {
            return "RANGE (--from/--to)";
        }
        if (b instanceof Bound.In) {
            return "LIST (--in)";
        }
        if (b instanceof Bound.Hash) {
            return "HASH (--modulus/--remainder)";
        }
        return b instanceof Bound.Default ? "DEFAULT (--default)" : "hand-written";
    }

    private static TableInfo partitioned(Catalog catalog, QualifiedName parent) {
        TableInfo info = catalog.table(parent).orElseThrow(() ->
                new PgpartException(ErrorCode.CONFIG, "table " + parent + " does not exist"));
        if (!info.isPartitioned()) {
            throw new PgpartException(ErrorCode.CONFIG, parent + " is not a partitioned table");
        }
        return info;
    }
}

package dev.pgpart.convert.copy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.Connection;
import java.sql.SQLException;
import dev.pgpart.convert.ConvertPlan;
import dev.pgpart.spec.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * {@code copy.prepare}: checks the original table, then creates the new partitioned parent (its
 * primary key is the original's plus the partition key), its indexes and outgoing foreign keys in
 * one transaction, then its partitions through the planner and executor. Only ACCESS SHARE on the
 * original (for {@code LIKE}); the application is not blocked. Resumable: an existing parent with
 * pgpart's marker is kept and only missing partitions are created.
 */
final class PreparePhase implements JobPhase {
    static final String NAME = "copy.prepare";
    private final CopySettings s;

    PreparePhase(CopySettings s) {
        this.s = s;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(JobContext ctx) throws SQLException {
        Tx.retrying(s.table(), "creating " + s.names().newParent(), () -> ctx.step(c -> {
            Tx.setLocalLockTimeout(c, s.lockTimeout());
            createParent(c);
            return JobContext.Progress.of(0);
        }));
        ctx.outsideTransaction(c -> new JobContext.Progress(0,
                Map.of("partitions_created", Integer.toString(Partitions.create(c, s)))));
    }

    /** The preflight's blockers, read in this transaction: what convert plan would report now. */
    private void refuseBlocked(Connection c) throws SQLException {
        TableSpec spec = new TableSpec(s.table(), s.spec().policy(), s.spec().defaultPartition(), s.spec().lockTimeout(),
                s.spec().subpartition(), s.spec().nameFormat(), s.spec().expireUnmanaged(), s.spec().maxPartitionsPerRun(),
                Optional.of(s.key()), s.spec().convert());
        dev.pgpart.convert.Source source = dev.pgpart.convert.SourceReader.read(c, s.table(), Optional.of(s.key()),
                (k, max) -> CopyPlanner.coveredUpTo(spec, k, s.clock().instant())).orElseThrow(() -> new PgpartException(
                ErrorCode.CONFIG, "table " + s.table() + " does not exist; nothing was changed"));
        List<ConvertPlan.Blocker> blockers = CopyPlanner.blockers(spec, source,
                source.key().flatMap(k -> CopyPlanner.coveredUpTo(spec, k, s.clock().instant())), false);
        if (!blockers.isEmpty()) {
            throw new PgpartException(ErrorCode.UNSAFE, "cannot convert " + s.table() + " with the copy strategy: "
                    + blockers.stream().map(b -> b.problem() + " (fix: " + b.fix() + ")").collect(Collectors.joining("; "))
                    + ". Nothing was changed");
        }
    }

    private void createParent(Connection c) throws SQLException {
        Optional<Long> existing = SourceReader.oid(c, s.names().newParent());
        if (existing.isPresent()) {
            if (!CopyChecks.marked(c, existing.get())) {
                throw new PgpartException(ErrorCode.UNSAFE, s.names().newParent() + " exists and was not made by pgpart;"
                        + " the copy needs that name for the new table. Rename or drop it; nothing was changed");
            }
            return;
        }
        refuseBlocked(c);
        Source source = SourceReader.read(c, s.table()).orElseThrow();
        for (String sql : NewParent.create(source, s.names(), s.key(), s.spec().policy().method().name())) {
            Tx.exec(c, sql);
        }
    }
}

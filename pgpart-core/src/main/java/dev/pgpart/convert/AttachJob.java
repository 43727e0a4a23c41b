package dev.pgpart.convert;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.internal.catalog.Catalog;
import dev.pgpart.internal.catalog.CatalogReader;
import dev.pgpart.internal.exec.Backoff;
import dev.pgpart.internal.exec.DdlRenderer;
import dev.pgpart.internal.exec.RenderedAction;
import dev.pgpart.internal.exec.SqlState;
import dev.pgpart.internal.exec.Step;
import dev.pgpart.plan.Action;
import dev.pgpart.plan.CreateDefaultPartition;
import dev.pgpart.plan.CreatePartition;
import dev.pgpart.plan.Plan;
import dev.pgpart.plan.Planner;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code attach} phases as job phases. Each one looks at the catalog first, so running it again
 * after a kill or a lock timeout does only what is left; every DDL transaction runs under
 * {@code SET LOCAL lock_timeout} and is retried with backoff on 55P03/40P01.
 */
public final class AttachJob {
    private static final Logger LOG = LoggerFactory.getLogger(AttachJob.class);
    static final int ATTEMPTS = 5;

    private final Spec spec;
    private final TableSpec table;
    private final Names names;
    private final Clock clock;

    public AttachJob(Spec spec, TableSpec table, Clock clock) {
        this.spec = spec;
        this.table = table;
        this.names = Names.of(table);
        this.clock = clock;
    }

    /** The phases up to "ready for cut-over" and, with {@code cutover}, the swap and what follows it. */
    public List<JobPhase> phases(boolean cutover) {
        List<JobPhase> out = new ArrayList<>();
        out.add(phase(AttachPlanner.INDEXES, this::indexes));
        out.add(phase(AttachPlanner.NOT_NULL, this::notNull));
        if (cutover) {
            out.add(phase(AttachPlanner.ROUTE, this::route));
            out.add(phase(AttachPlanner.RANGE, this::range));
            out.add(phase(AttachPlanner.SWAP, this::swap));
            out.add(phase(AttachPlanner.VALIDATE_FKS, this::validateFks));
        }
        return out;
    }

    @FunctionalInterface
    private interface Body {
        void run(JobContext ctx) throws SQLException;
    }

    private static JobPhase phase(String name, Body body) {
        return new JobPhase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                body.run(ctx);
            }
        };
    }

    /** The table's catalog (no key scan); inside the caller's transaction, or in one of its own in autocommit. */
    private Source source(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            return SourceReader.read(c, table.table(), table.key(), (k, max) -> Optional.empty(), false)
                    .orElseThrow(() -> new PgpartException(ErrorCode.CONFIG, "table " + table.table() + " does not exist"));
        } finally {
            if (auto) {
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }

    private void indexes(JobContext ctx) throws SQLException {
        ctx.outsideTransaction(c -> {
            Source s = source(c);
            if (s.info().isPartitioned()) {
                return JobContext.Progress.of(0);
            }
            Optional<List<String>> cols = AttachPlanner.compositeKey(s, s.key().orElseThrow());
            if (cols.isEmpty()) {
                return JobContext.Progress.of(0);
            }
            Optional<Source.Idx> existing = s.index(names.pkeyIndex());
            if (existing.isPresent() && existing.get().valid()) {
                return JobContext.Progress.of(0);
            }
            try (Statement st = c.createStatement()) {
                if (existing.isPresent()) {
                    // an interrupted CONCURRENTLY build leaves an invalid index: start over
                    st.execute("DROP INDEX CONCURRENTLY " + table.table().sibling(names.pkeyIndex()).sql());
                }
                LOG.info("{}: building {} concurrently", table.table(), names.pkeyIndex());
                st.execute(AttachPlanner.pkeyIndex(s, names, cols.get()));
                st.execute("COMMENT ON INDEX " + table.table().sibling(names.pkeyIndex()).sql() + " IS "
                        + Sql.literal(Names.MARKER + " primary key with the partition key"));
            }
            return new JobContext.Progress(0, Map.of("pkey_index", names.pkeyIndex()));
        });
    }

    private void notNull(JobContext ctx) throws SQLException {
        retried(ctx, "adding CHECK (key IS NOT NULL) NOT VALID", c -> {
            Source s = source(c);
            if (s.info().isPartitioned() || s.key().orElseThrow().notNull() || s.constraint(names.notNullCheck()).isPresent()) {
                return JobContext.Progress.of(0);
            }
            List<String> sql = AttachPlanner.notNull(s, names, s.key().get());
            execute(c, sql.subList(0, 2));
            return JobContext.Progress.of(0);
        });
        retried(ctx, "VALIDATE of the NOT NULL check", c -> {
            Source s = source(c);
            Optional<Source.Con> check = s.constraint(names.notNullCheck());
            if (check.isPresent() && !check.get().validated()) {
                execute(c, AttachPlanner.notNull(s, names, s.key().get()).subList(2, 3));
            }
            return JobContext.Progress.of(0);
        });
    }

    /**
     * The boundary, chosen once per job (the first phase that needs it records it), so a resumed
     * job keeps the range its trigger and check were made for.
     */
    private String boundary(JobContext ctx, Connection c, Source s) throws SQLException {
        Optional<String> known = Optional.ofNullable(ctx.job().checkpoint().get("boundary"));
        return known.isPresent() ? known.get() : Boundary.of(table, s.key().orElseThrow(), max(c, s), clock.instant()).orElseThrow();
    }

    /** Routing trigger and inheritance child (one transaction), then rows at or above the boundary moved in batches. */
    private void route(JobContext ctx) throws SQLException {
        retried(ctx, "adding the routing trigger", c -> {
            Source s = source(c);
            if (s.info().isPartitioned() || !Outliers.routable(s)) {
                return JobContext.Progress.of(0);
            }
            String b = boundary(ctx, c, s);
            if (!exists(c, names.above())) {
                LOG.info("{}: routing writes at or above {} into {}", table.table(), b, names.above());
                execute(c, Outliers.install(s, names, s.key().orElseThrow(), b));
            }
            return new JobContext.Progress(0, Map.of("boundary", b));
        });
        if (ctx.job().checkpoint().get("boundary") == null) {
            return; // not routable: the range check refuses such rows, as the plan said
        }
        String b = ctx.job().checkpoint().get("boundary");
        boolean[] left = {true};
        long[] moved = {0};
        while (left[0]) {
            long started = System.nanoTime();
            retried(ctx, "moving a batch of rows at or above the boundary", c -> {
                Source s = source(c);
                if (s.info().isPartitioned() || !exists(c, names.above())) {
                    left[0] = false;
                    moved[0] = 0;
                    return JobContext.Progress.of(0);
                }
                Source.Col key = s.key().orElseThrow();
                List<String> ctids = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery(Outliers.nextBatch(s, key, b, table.convert().batchSize()))) {
                    while (rs.next()) {
                        ctids.add(rs.getString(1));
                    }
                }
                if (ctids.isEmpty()) {
                    left[0] = false;
                    moved[0] = 0;
                    return JobContext.Progress.of(0);
                }
                execute(c, List.of(Outliers.batchLock(s)));
                try (PreparedStatement ps = c.prepareStatement(Outliers.moveBatch(s, names, key, b))) {
                    ps.setArray(1, c.createArrayOf("text", ctids.toArray()));
                    // a row changed since it was found has another ctid: it stays, and the next batch finds it
                    moved[0] = ps.executeUpdate();
                }
                if (moved[0] > 0) {
                    LOG.info("{}: moved {} row(s) at or above {} into {}", table.table(), moved[0], b, names.above());
                }
                return JobContext.Progress.of(moved[0]);
            });
            throttle(moved[0], started); // after the commit: no row lock is held while it waits
        }
    }

    /** Sleeps so that the batches average at most max_rows_per_second. */
    private void throttle(long rows, long startedNanos) {
        Optional<Long> max = table.convert().maxRowsPerSecond();
        if (max.isEmpty()) {
            return;
        }
        long left = rows * 1_000_000_000L / max.get() - (System.nanoTime() - startedNanos);
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PgpartException(ErrorCode.INTERNAL, table.table() + ": moving rows at or above the boundary was"
                        + " interrupted; the batches done are committed, run convert again to resume");
            }
        }
    }

    private void range(JobContext ctx) throws SQLException {
        retried(ctx, "adding the range check NOT VALID", c -> {
            Source s = source(c);
            if (s.info().isPartitioned()) {
                return JobContext.Progress.of(0);
            }
            Optional<String> boundary = Optional.ofNullable(ctx.job().checkpoint().get("boundary"));
            if (s.constraint(names.rangeCheck()).isPresent() && boundary.isPresent()) {
                return JobContext.Progress.of(0);
            }
            if (s.constraint(names.rangeCheck()).isPresent()) {
                // left by an earlier job whose boundary is not known: replace it
                execute(c, List.of("ALTER TABLE " + s.table().sql() + " DROP CONSTRAINT " + Sql.ident(names.rangeCheck())));
            }
            String b = boundary(ctx, c, s);
            execute(c, AttachPlanner.range(s, names, s.key().get(), b).subList(0, 2));
            return new JobContext.Progress(0, Map.of("boundary", b));
        });
        retried(ctx, "VALIDATE of the range check", c -> {
            Source s = source(c);
            Optional<Source.Con> check = s.constraint(names.rangeCheck());
            if (check.isPresent() && !check.get().validated()) {
                LOG.info("{}: validating {} (one scan, reads and writes go on)", table.table(), names.rangeCheck());
                execute(c, AttachPlanner.range(s, names, s.key().get(), ctx.job().checkpoint().get("boundary")).subList(2, 3));
            }
            return JobContext.Progress.of(0);
        });
    }

    /** The highest key: an index probe when the key is indexed. */
    private static Optional<String> max(Connection c, Source s) throws SQLException {
        String col = Sql.ident(s.key().orElseThrow().name());
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(" + col + ")::text FROM " + s.table().sql())) {
            rs.next();
            return Optional.ofNullable(rs.getString(1));
        }
    }

    private void swap(JobContext ctx) throws SQLException {
        retried(ctx, "the swap", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE " + table.table().sql() + " IN ACCESS EXCLUSIVE MODE");
            }
            Source s = source(c);
            if (s.info().isPartitioned()) {
                return JobContext.Progress.of(0);
            }
            String boundary = ctx.job().checkpoint().get("boundary");
            boolean routed = exists(c, names.above());
            List<String> sql = AttachPlanner.swap(table, s, names, s.key().orElseThrow(), boundary, routed);
            LOG.info("{}: swapping ({} statements)", table.table(), sql.size());
            execute(c, sql);
            createPartitions(c);
            if (routed) {
                settle(c, s);
            }
            // with the work: what undo needs and cannot read back from the parent
            return new JobContext.Progress(0, AttachUndoPlan.checkpoint(s, s.key().get()));
        });
    }

    /** The rows at or above the boundary into their partitions, in the swap's transaction. */
    private void settle(Connection c, Source s) throws SQLException {
        try {
            execute(c, Outliers.settle(table.table(), s, names));
        } catch (SQLException e) {
            if (SqlState.of(e) == SqlState.CHECK_VIOLATION) {
                throw new PgpartException(ErrorCode.UNSAFE, "the swap of " + table.table() + " was rolled back: a row of "
                        + names.above() + " (rows at or above the boundary) fits no partition (" + e.getMessage() + "). "
                        + table.table() + " is unchanged and still routes such rows into " + names.above()
                        + ". Set default: true for it (or raise premake), or move or delete that row, then run convert again", e);
            }
            throw e;
        }
    }

    static boolean exists(Connection c, QualifiedName rel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace"
                + " WHERE n.nspname = ? AND r.relname = ?")) {
            ps.setString(1, rel.schema());
            ps.setString(2, rel.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** What pgpart maintain would create now, in the swap's transaction, so inserts land in them from the start. */
    private void createPartitions(Connection c) throws SQLException {
        Catalog catalog = new CatalogReader().read(c, List.of(table.table()));
        Plan plan = new Planner().plan(spec.only(table.table()), catalog, clock.instant());
        String user = currentUser(c);
        DdlRenderer renderer = new DdlRenderer();
        for (Action a : plan.tables().get(0).actions()) {
            if (!(a instanceof CreatePartition || a instanceof CreateDefaultPartition)) {
                continue;
            }
            RenderedAction r = renderer.render(a, catalog.table(table.table()).orElseThrow(), user);
            List<String> ddl = new ArrayList<>();
            for (Step step : r.steps()) {
                if (step.kind() != Step.Kind.DDL) {
                    throw new IllegalStateException("unexpected step " + step.kind() + " creating " + a.partition());
                }
                ddl.add(step.sql());
            }
            execute(c, ddl);
        }
    }

    private void validateFks(JobContext ctx) throws SQLException {
        retried(ctx, "VALIDATE of the re-created foreign keys", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT n.nspname, r.relname, k.conname FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid
                    JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_class t ON t.oid = k.confrelid
                    JOIN pg_namespace tn ON tn.oid = t.relnamespace
                    WHERE k.contype = 'f' AND NOT k.convalidated AND k.conparentid = 0 AND tn.nspname = ? AND t.relname = ?""")) {
                ps.setString(1, table.table().schema());
                ps.setString(2, table.table().name());
                List<String> sql = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sql.add("ALTER TABLE " + QualifiedName.of(rs.getString(1), rs.getString(2)).sql() + " VALIDATE CONSTRAINT "
                                + Sql.ident(rs.getString(3)));
                    }
                }
                execute(c, sql);
            }
            return JobContext.Progress.of(0);
        });
    }

    static String currentUser(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(Connection c, List<String> sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                if (s.startsWith("--")) {
                    continue;
                }
                LOG.debug("{}: {}", table.table(), s);
                st.execute(s);
            }
        }
    }

    /** Runs {@code work} in one step under lock_timeout, retried on lock timeouts and deadlocks. */
    void retried(JobContext ctx, String what, JobContext.StepWork work) throws SQLException {
        Duration lockTimeout = table.lockTimeout();
        for (int attempt = 1; ; attempt++) {
            try {
                ctx.step(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET LOCAL lock_timeout = " + Sql.millis(lockTimeout));
                    }
                    return work.run(c);
                });
                return;
            } catch (SQLException e) {
                if (!SqlState.of(e).retryable() || attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("{}: {} did not get its lock within {} (attempt {} of {}), retrying", table.table(), what,
                        lockTimeout, attempt, ATTEMPTS);
                if (!Backoff.sleep(Duration.ofMillis(200), attempt)) {
                    throw e;
                }
            }
        }
    }
}

package dev.pgpart.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.Conversions;
import dev.pgpart.convert.copy.Writer;
import dev.pgpart.internal.exec.Session;
import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.spec.Interval;
import dev.pgpart.spec.RangePolicy;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.sql.Sql;
import dev.pgpart.state.Job;
import dev.pgpart.state.JobContext;
import dev.pgpart.state.JobPhase;
import dev.pgpart.state.JobRunner;
import dev.pgpart.state.StateSchema;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attach conversions of tables of the shape {@link Writer} writes (n, created_at, amount, note), run
 * through the job runner as {@code convert run} does, and the comparisons the tests make.
 * Now is March 2027, so the boundary is 2027-05-01: the writer's keys (2026, moved by 35 days now and
 * then) stay below it while the range check is in force, as the application's current keys would.
 */
final class AttachFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2027-03-10T12:00:00Z"), ZoneOffset.UTC);
    static final String IDENTITY = "id bigint GENERATED ALWAYS AS IDENTITY,";
    static final String BOUNDARY = "2027-05-01 00:00:00+00";

    private AttachFixture() {
    }

    static TableSpec monthly(QualifiedName t) {
        return new TableSpec(t, new RangePolicy(new Interval.Calendar(1, Interval.Unit.MONTH), 2, Optional.empty(),
                Optional.empty(), RangePolicy.OnExpiry.DETACH, ZoneOffset.UTC, dev.pgpart.spec.IdEncoding.NONE),
                true, Duration.ofSeconds(2), Optional.empty(), Optional.empty(), false, TableSpec.DEFAULT_MAX_PARTITIONS_PER_RUN,
                Optional.of("created_at"), ConvertSpec.DEFAULTS);
    }

    /** {@code pkColumns} e.g. {@code id bigint GENERATED ALWAYS AS IDENTITY,}; {@code pkConstraint} e.g. {@code , PRIMARY KEY (id)}. */
    static void create(Db db, QualifiedName t, String pkColumns, String pkConstraint, int rows) {
        db.exec("CREATE TABLE " + t.sql() + " (" + pkColumns + " n bigint NOT NULL, created_at timestamptz NOT NULL,"
                        + " amount int NOT NULL, note text" + pkConstraint + ")",
                "CREATE INDEX " + Sql.ident(Names.derived(t.name(), "_n")) + " ON " + t.sql() + " (n)",
                "INSERT INTO " + t.sql() + " (n, created_at, amount, note) SELECT g, timestamptz '2026-01-01 00:00+00'"
                        + " + (g % 320) * interval '1 day' + g * interval '1 second', g % 1000, 'row ' || g"
                        + " FROM generate_series(0, " + (rows - 1) + ") g",
                "ANALYZE " + t.sql());
    }

    /** Grants (also on the identity sequence), RLS with a policy, a comment, a view, a user trigger. */
    static void decorate(Db db, QualifiedName t, String role) {
        db.exec("CREATE ROLE " + Sql.ident(role),
                "GRANT SELECT, INSERT ON " + t.sql() + " TO " + Sql.ident(role),
                "COMMENT ON TABLE " + t.sql() + " IS 'the orders'",
                "ALTER TABLE " + t.sql() + " ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY own ON " + t.sql() + " FOR SELECT TO " + Sql.ident(role) + " USING (amount < 500)",
                "CREATE VIEW " + t.sibling(Names.derived(t.name(), "_big")).sql() + " AS SELECT n, amount FROM " + t.sql()
                        + " WHERE amount > 900",
                "CREATE FUNCTION " + t.sibling("keep_it").sql() + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "CREATE TRIGGER keep BEFORE UPDATE ON " + t.sql() + " FOR EACH ROW EXECUTE FUNCTION " + t.sibling("keep_it").sql() + "()");
        List<String> seq = db.queryStrings("SELECT pg_get_serial_sequence(" + Sql.literal(t.sql()) + ", 'id')");
        if (!seq.isEmpty() && seq.get(0) != null) {
            db.exec("GRANT USAGE, SELECT ON SEQUENCE " + seq.get(0) + " TO " + Sql.ident(role));
        }
    }

    static QualifiedName control(Db db, QualifiedName t) {
        QualifiedName c = t.sibling("control");
        db.exec("CREATE TABLE " + c.sql() + " (LIKE " + t.sql() + ")", "INSERT INTO " + c.sql() + " SELECT * FROM " + t.sql());
        return c;
    }

    static Writer writer(Db db, QualifiedName t, QualifiedName control, long firstN) {
        return new Writer(db, t.sql(), control.sql(), firstN);
    }

    static List<JobPhase> phases(QualifiedName t) {
        TableSpec ts = monthly(t);
        return new AttachJob(new Spec(Duration.ofSeconds(2), List.of(ts)), ts, CLOCK).phases(true);
    }

    static Connection connect(Db db) throws SQLException {
        Connection c = db.dataSource().getConnection();
        Session.configure(c);
        return c;
    }

    /** As {@code convert run --cutover} runs it: kind convert, target the table, strategy attach. */
    static Job run(Db db, QualifiedName t, List<JobPhase> phases) throws SQLException {
        try (Connection c = connect(db)) {
            return new JobRunner(StateSchema.defaults(), "test").run(c, Conversions.KIND, t.toString(),
                    Map.of("strategy", ConvertSpec.Strategy.ATTACH.text()), phases);
        }
    }

    static List<String> undo(Db db, QualifiedName t) throws SQLException {
        try (Connection c = connect(db)) {
            return new AttachUndo(monthly(t), StateSchema.defaults(), Conversions.KIND).undo(c, true);
        }
    }

    /** Rows of {@code a} not in {@code b} and the other way round, with duplicates; {@code a} is not empty. */
    static void assertSameRows(Db db, QualifiedName a, QualifiedName b) {
        long diff = db.queryLong("SELECT count(*) FROM ((TABLE " + a.sql() + " EXCEPT ALL TABLE " + b.sql() + ") UNION ALL"
                + " (TABLE " + b.sql() + " EXCEPT ALL TABLE " + a.sql() + ")) d");
        assertThat(diff).as("rows differing between " + a + " and " + b).isZero();
        // one statement, one snapshot: the writer may be going on
        assertThat(db.queryLong("SELECT (SELECT count(*) FROM " + a.sql() + ") - (SELECT count(*) FROM " + b.sql() + ")"))
                .as("rows of " + a + " minus rows of " + b).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + a.sql())).as("rows of " + a).isPositive();
    }

    /**
     * Everything undo must give back, as catalog text: kind, OID-independent definitions of constraints,
     * indexes, triggers, policies, columns with identity, the owned sequences' grants and owner, grants,
     * owner, RLS, comment, publications, views reading it, foreign keys referencing it.
     */
    static List<String> shape(Db db, QualifiedName t) {
        String r = Sql.literal(t.sql()) + "::regclass";
        return db.queryStrings("SELECT x FROM ("
                + "SELECT 'con ' || conname || ' ' || pg_get_constraintdef(oid) AS x FROM pg_constraint WHERE conrelid = " + r
                + " UNION ALL SELECT 'idx ' || pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = " + r
                + " UNION ALL SELECT 'trg ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = " + r + " AND NOT tgisinternal"
                + " UNION ALL SELECT 'rel ' || relkind::text || ' ' || coalesce(relacl::text, '-') || ' ' || relowner::regrole || ' '"
                + "   || relrowsecurity::text || relforcerowsecurity::text || ' ' || relreplident::text || ' ' || coalesce(obj_description(oid, 'pg_class'), '-')"
                + "   FROM pg_class WHERE oid = " + r
                + " UNION ALL SELECT 'pol ' || polname || ' ' || pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polrelid = " + r
                + " UNION ALL SELECT 'col ' || attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull || ' '"
                + "   || attidentity::text || ' ' || coalesce(pg_get_serial_sequence(" + r + "::text, attname), '-')"
                + "   FROM pg_attribute WHERE attrelid = " + r + " AND attnum > 0 AND NOT attisdropped"
                + " UNION ALL SELECT 'seq ' || s.oid::regclass || ' ' || coalesce(s.relacl::text, '-') || ' ' || s.relowner::regrole"
                + "   FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' WHERE d.refobjid = " + r
                + "   AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
                + " UNION ALL SELECT 'pub ' || p.pubname FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid"
                + "   WHERE pr.prrelid = " + r
                + " UNION ALL SELECT DISTINCT 'view ' || v.oid::regclass || ' ' || pg_get_viewdef(v.oid) FROM pg_depend d"
                + "   JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class v ON v.oid = w.ev_class WHERE d.refobjid = " + r
                + "   AND d.classid = 'pg_rewrite'::regclass AND v.oid <> " + r
                + " UNION ALL SELECT 'fk ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' '"
                + "   || convalidated FROM pg_constraint WHERE confrelid = " + r + " AND contype = 'f'"
                + ") s ORDER BY 1");
    }

    /** Each phase with writes committed just before and just after it. */
    static List<JobPhase> interleaved(List<JobPhase> phases, Writer w) {
        return phases.stream().<JobPhase>map(p -> new JobPhase() {
            @Override
            public String name() {
                return p.name();
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                w.await(10);
                p.run(ctx);
                w.await(10);
            }
        }).toList();
    }

    /** The phase, then a step that sleeps so the test can kill the runner's backend at the boundary. */
    static JobPhase sleepingAfter(JobPhase p) {
        return new JobPhase() {
            @Override
            public String name() {
                return p.name();
            }

            @Override
            public void run(JobContext ctx) throws SQLException {
                p.run(ctx);
                ctx.step(c -> {
                    try (var s = c.createStatement()) {
                        s.execute("SELECT pg_sleep(30)");
                    }
                    return JobContext.Progress.of(0);
                });
            }
        };
    }

    /** The runner's backend once it sits in pg_sleep. */
    static long awaitSleepingBackend(Db db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> pids = db.queryStrings("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query = 'SELECT pg_sleep(30)' AND state = 'active'");
            if (!pids.isEmpty()) {
                return Long.parseLong(pids.get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the runner never reached its sleeping step");
    }
}

package dev.pgpart.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.test.Db;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StateSchemaIT {

    @Test
    void lookingAtTheVersionOfADatabaseWithoutTheSchemaCreatesNothing() throws SQLException {
        Db db = Db.create("state_none");
        try (Connection c = db.dataSource().getConnection()) {
            assertThat(StateSchema.defaults().version(c)).isZero();
            assertThat(StateSchema.defaults().exists(c)).isFalse();
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
    }

    @Test
    void ensureCreatesTheLatestVersionOnceAndIsANoOpAfterwards() throws SQLException {
        Db db = Db.create("state_ensure");
        StateSchema schema = StateSchema.defaults();
        try (Connection c = db.dataSource().getConnection()) {
            schema.ensure(c);
            schema.ensure(c);
            assertThat(schema.version(c)).isEqualTo(StateMigrations.LATEST);
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(db.queryStrings("SELECT tablename FROM pg_tables WHERE schemaname = 'pgpart' ORDER BY 1"))
                .containsExactlyInAnyOrderElementsOf(schema.tables());
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.schema_version")).isEqualTo(StateMigrations.LATEST);
    }

    @Test
    void concurrentFirstRunsCreateItOnce() throws Exception {
        Db db = Db.create("state_race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit((Callable<Integer>) () -> {
                    try (Connection c = db.dataSource().getConnection()) {
                        StateSchema.defaults().ensure(c);
                        return StateSchema.defaults().version(c);
                    }
                }));
            }
            for (Future<Integer> f : runs) {
                assertThat(f.get()).isEqualTo(StateMigrations.LATEST);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.queryLong("SELECT count(*) FROM pgpart.schema_version")).isEqualTo(StateMigrations.LATEST);
    }

    @Test
    void aConfiguredNameIsQuotedEverywhere() throws SQLException {
        Db db = Db.create("state_named");
        StateSchema schema = new StateSchema("Ops \"State\"; drop");
        try (Connection c = db.dataSource().getConnection()) {
            schema.ensure(c);
            assertThat(schema.version(c)).isEqualTo(StateMigrations.LATEST);
            new RunLog(schema).start(c, new RunLog.Start("maintain", "test", "host", "0", "abc", List.of("public.t")), java.time.Instant.now());
        }
        assertThat(db.queryLong("SELECT count(*) FROM \"Ops \"\"State\"\"; drop\".run")).isEqualTo(1);
    }

    @Test
    void aDatabaseUpgradedByANewerPgpartIsRefusedWithoutChangingIt() throws SQLException {
        Db db = Db.create("state_newer");
        StateSchema schema = StateSchema.defaults();
        try (Connection c = db.dataSource().getConnection()) {
            schema.ensure(c);
            db.exec("INSERT INTO pgpart.schema_version VALUES (" + (StateMigrations.LATEST + 1) + ", 'from the future')");
            db.exec("DELETE FROM pgpart.schema_version WHERE version = " + StateMigrations.LATEST);
            assertThatThrownBy(() -> schema.ensure(c)).isInstanceOf(PgpartException.class)
                    .satisfies(e -> assertThat(((PgpartException) e).code()).isEqualTo(ErrorCode.DATABASE))
                    .hasMessageContaining("newer than this pgpart knows");
        }
    }

    @Test
    void aRoleThatMayNotCreateTheSchemaIsToldHowToCreateItByHand() throws SQLException {
        Db db = Db.create("state_denied");
        db.exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pgpart_nocreate') THEN"
                + " CREATE ROLE pgpart_nocreate LOGIN; END IF; END $$");
        String name = db.queryStrings("SELECT current_database()").get(0);
        db.exec("REVOKE CREATE ON DATABASE \"" + name + "\" FROM PUBLIC");
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(dev.pgpart.test.TestPostgres.jdbcUrl(name));
        ds.setUser("pgpart_nocreate");
        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> StateSchema.defaults().ensure(c)).isInstanceOf(PgpartException.class)
                    .hasMessageContaining("CREATE SCHEMA \"pgpart\" AUTHORIZATION <role>");
        }
    }
}

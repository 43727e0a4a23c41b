package dev.pgpart.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.api.TableDdl;
import dev.pgpart.jpa.fx.Customer;
import dev.pgpart.jpa.fx.Order;
import dev.pgpart.jpa.fx.Shipment;
import dev.pgpart.sql.Sql;
import dev.pgpart.test.Db;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Liquibase changelogs pgpart ddl writes, applied by real Liquibase: XML and formatted SQL create the same tables. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GeneratedChangelogIT {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<Class<?>> ENTITIES = List.of(Order.class, Shipment.class, Customer.class);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"changelog.xml", "changelog.sql"})
    void aGeneratedChangelogAppliesWithLiquibaseAndCreatesThePartitionedTables(String file, @TempDir Path dir) throws Exception {
        List<Migration> migrations = DdlGenerator.generate(ENTITIES, Map.of(), TableDdl.Initial.PLANNED, AT);
        MigrationFiles.liquibase(dir.resolve(file), migrations);
        Db db = Db.create("jpalb");

        update(db, dir, file);

        for (Migration m : migrations) {
            assertThat(db.queryStrings("SELECT relkind::text FROM pg_class WHERE oid = to_regclass(" + Sql.literal(m.table().sql()) + ")"))
                    .as(m.table().sql()).containsExactly("p");
        }
        assertThat(db.queryStrings("SELECT id FROM databasechangelog ORDER BY orderexecuted")).hasSize(migrations.size());
        // the initial partitions the planner made came with the changelog
        assertThat(db.queryLong("SELECT count(*) FROM pg_inherits")).isPositive();

        update(db, dir, file); // a second update is a no-op: the changesets are recorded
        assertThat(db.queryStrings("SELECT id FROM databasechangelog")).hasSize(migrations.size());
    }

    private static void update(Db db, Path dir, String file) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(dir), () -> new CommandScope("update")
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, file)
                    .execute());
        }
    }
}

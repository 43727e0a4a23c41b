package dev.pgpart.liquibase;

import dev.pgpart.test.Db;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/** Real Liquibase commands on a test database, with changelogs from the test classpath (or a folder). */
record LiquibaseRun(Db db, ResourceAccessor resources) {
    static LiquibaseRun classpath(Db db) {
        return new LiquibaseRun(db, new ClassLoaderResourceAccessor());
    }

    static LiquibaseRun folder(Db db, Path dir) throws Exception {
        return new LiquibaseRun(db, new DirectoryResourceAccessor(dir));
    }

    void update(String changelog) throws Exception {
        run("update", changelog, scope -> { });
    }

    String updateSql(String changelog) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run("updateSql", changelog, scope -> scope.setOutput(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    void rollbackCount(String changelog, int count) throws Exception {
        run("rollbackCount", changelog, scope -> scope.addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
    }

    interface Arguments {
        void add(CommandScope scope);
    }

    private void run(String command, String changelog, Arguments arguments) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Scope.Attr.resourceAccessor.name(), resources, () -> {
                CommandScope scope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog);
                arguments.add(scope);
                scope.execute();
            });
        }
    }
}

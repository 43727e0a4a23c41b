package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.test.Db;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outside Spring: {@code liquibase update} with the guide's changelog (read from
 * docs/guide-spring-boot.md, so the guide cannot drift) leaves the table it made partitioned.
 */
@Timeout(120)
class LiquibaseChangeIT {
    private static final String ORDERS = "tables: {public.orders: {interval: 1 month, premake: 2}}\n";

    @TempDir
    Path dir;

    @Test
    void liquibaseUpdateWithTheGuidesChangelogCreatesTheTableAndItsPartitions() throws Exception {
        Db db = Db.create("lbchange");
        write(ORDERS);

        try (Connection c = db.dataSource().getConnection()) {
            update(c);
        }

        assertThat(db.partitionsOf("public.orders")).hasSize(3);
        assertThat(db.queryStrings("SELECT application FROM pgpart.run")).containsExactly("liquibase");
    }

    @Test
    void runningTheChangelogTwiceMaintainsAgainWithoutError() throws Exception {
        Db db = Db.create("lbtwice");
        write(ORDERS);

        try (Connection c = db.dataSource().getConnection()) {
            update(c);
        }
        try (Connection c = db.dataSource().getConnection()) {
            update(c);
        }

        assertThat(db.partitionsOf("public.orders")).hasSize(3);
        assertThat(db.queryStrings("SELECT application FROM pgpart.run")).containsExactly("liquibase", "liquibase");
        assertThat(db.queryStrings("SELECT id FROM databasechangelog ORDER BY orderexecuted")).containsExactly("1", "pgpart-maintain");
    }

    @Test
    void aBadPgpartYmlFailsTheUpdateWithPgpartsMessageAndRecordsNoMaintenance() throws Exception {
        Db db = Db.create("lbbad");
        write("tables: {public.orders: {interval: fortnight}}\n");

        try (Connection c = db.dataSource().getConnection()) {
            assertThatThrownBy(() -> update(c)).satisfies(e -> assertThat(messages(e))
                    .contains("pgpart's configuration pgpart.yml has problems", "pgpart.yml:1",
                            "interval 'fortnight' is not an interval"));
        }

        assertThat(db.partitionsOf("public.orders")).isEmpty();
        assertThat(db.queryStrings("SELECT id FROM databasechangelog")).containsExactly("1");
    }

    @Test
    void liquibasesConnectionStaysOpenWithItsOwnSessionSettings() throws Exception {
        Db db = Db.create("lbsession");
        write(ORDERS);
        List<String> names = List.of("TimeZone", "DateStyle", "IntervalStyle", "application_name", "lock_timeout",
                "statement_timeout");

        try (Connection c = db.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'America/New_York'");
                s.execute("SET DateStyle = 'ISO, DMY'");
                s.execute("SET IntervalStyle = 'iso_8601'");
                s.execute("SET application_name = 'shop-migrations'");
                s.execute("SET lock_timeout = '7s'");
                s.execute("SET statement_timeout = '9min'");
            }
            Map<String, String> before = settings(c, names);

            update(c);

            assertThat(c.isClosed()).isFalse();
            assertThat(settings(c, names)).isEqualTo(before);
        }
        assertThat(db.partitionsOf("public.orders")).hasSize(3);
    }

    @Test
    void updateSqlWritesAnSqlCommentAndChangesNothingInTheDatabase() throws Exception {
        Db db = Db.create("lbupdatesql");
        write(ORDERS);
        db.exec("CREATE TABLE public.orders (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at)");
        ByteArrayOutputStream sql = new ByteArrayOutputStream();

        try (Connection c = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(scope(), () -> new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, "changelog.xml")
                    .setOutput(sql).execute());
        }

        assertThat(sql.toString(StandardCharsets.UTF_8)).contains("-- pgpart maintain does not run in SQL output mode");
        assertThat(db.partitionsOf("public.orders")).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
    }

    @Test
    void aViewOfTheBorrowedConnectionClosesAndAbortsOnlyItself() throws Exception {
        Db db = Db.create("lbview");
        try (Connection owner = db.dataSource().getConnection()) {
            BorrowedConnectionDataSource borrowed = new BorrowedConnectionDataSource(owner);
            Connection first = borrowed.getConnection();
            assertThatThrownBy(borrowed::getConnection).hasMessageContaining("already in use by pgpart");
            first.close();
            Connection second = borrowed.getConnection();
            second.abort(Runnable::run);

            assertThat(owner.isClosed()).isFalse();
            assertThat(first.isClosed()).isTrue();
            assertThatThrownBy(second::createStatement).hasMessageContaining("view of the borrowed connection is closed");
            assertThat(borrowed.abandoned()).isTrue();
        }
    }

    /** The guide's changelog, as written there, in a directory with the pgpart.yml it names. */
    private void write(String pgpartYml) throws IOException {
        Files.writeString(dir.resolve("changelog.xml"), guideChangelog());
        Files.writeString(dir.resolve("pgpart.yml"), pgpartYml);
    }

    /** Runs {@code liquibase update} on {@code c} without closing it (Liquibase's Database would close it). */
    private void update(Connection c) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Scope.child(scope(), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "changelog.xml")
                .execute());
    }

    private Map<String, Object> scope() throws IOException {
        return Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(dir), "liquibase.analytics.enabled", false);
    }

    private static Map<String, String> settings(Connection c, List<String> names) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String n : names) {
                try (ResultSet rs = s.executeQuery("SHOW " + n)) {
                    rs.next();
                    out.put(n, rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String messages(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", out);
    }

    private static String guideChangelog() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docs/guide-spring-boot.md"))) {
            dir = dir.getParent();
        }
        Matcher m = Pattern.compile("```xml\\n(<\\?xml.*?)```", Pattern.DOTALL).matcher(Files.readString(dir.resolve("docs/guide-spring-boot.md")));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains("PgpartMaintainChange")) {
                found.add(m.group(1));
            }
        }
        assertThat(found).as("the guide's Liquibase changelog").hasSize(1);
        return found.get(0);
    }
}

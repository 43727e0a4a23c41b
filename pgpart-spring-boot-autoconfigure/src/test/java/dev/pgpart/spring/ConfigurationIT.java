package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.Spec;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Where the tables come from, and what a bad configuration says. Nothing here depends on the PostgreSQL major. */
@Timeout(120)
class ConfigurationIT {
    private static Db db;

    @BeforeAll
    static void database() {
        Apps.assumeDefaultMajor();
        db = Db.create("springconfig");
    }

    @Test
    void aBadIntervalFailsStartupWithPgpartYmlsMessageNamingTheProperty() {
        Apps.runner(db).withPropertyValues("pgpart.tables.orders.interval=fortnight").run(ctx -> {
            assertThat(ctx).hasFailed();
            ConfigException e = root(ctx.getStartupFailure(), ConfigException.class);
            ConfigProblem problem = e.problems().get(0);
            ConfigProblem yaml = ((ConfigException) catchConfig("tables:\n  orders:\n    interval: fortnight\n")).problems().get(0);
            assertThat(problem.where()).endsWith("pgpart.tables.orders.interval");
            assertThat(problem.problem()).isEqualTo(yaml.problem());
            assertThat(problem.fix()).isEqualTo(yaml.fix());
            FailureAnalysis analysis = new PgpartConfigFailureAnalyzer().analyze(ctx.getStartupFailure());
            assertThat(analysis.getDescription()).contains("pgpart.tables.orders.interval", "fortnight");
            assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgpart'")).isZero();
        });
    }

    @Test
    void tablesCanComeFromAPgpartYmlThatPgpartConfigNames() {
        Apps.runner(db).withPropertyValues("pgpart.config=classpath:pgpart-orders.yml", "pgpart.maintain-on-startup=false")
                .run(ctx -> assertThat(ctx.getBean(Spec.class))
                        .isEqualTo(SpecLoader.parse("tables:\n  public.orders:\n    interval: 1 month\n    premake: 2\n", "x")));
    }

    @Test
    void tablesInBothPgpartConfigAndPgpartTablesAreRefusedNamingBoth() {
        Apps.orders(db).withPropertyValues("pgpart.config=classpath:pgpart-orders.yml").run(ctx -> {
            ConfigException e = root(ctx.getStartupFailure(), ConfigException.class);
            assertThat(e.problems().get(0).where()).isEqualTo("pgpart.config");
            assertThat(e.problems().get(0).problem()).contains("pgpart.config", "pgpart.* table settings (tables)");
        });
    }

    @Test
    void aTableNameWithADotInBracketsAndTopLevelSettingsReadLikePgpartYml() {
        Apps.runner(db).withPropertyValues("pgpart.tables.[public.orders].interval=1 month",
                        "pgpart.tables.[public.orders].premake=2", "pgpart.lock_timeout=5s", "pgpart.maintain-on-startup=false")
                .run(ctx -> assertThat(ctx.getBean(Spec.class)).isEqualTo(SpecLoader.parse(
                        "lock_timeout: 5s\ntables:\n  public.orders:\n    interval: 1 month\n    premake: 2\n", "x")));
    }

    @Test
    void anInvalidCronFailsStartupNamingPgpartScheduleCron() {
        Apps.orders(db).withPropertyValues("pgpart.maintain-on-startup=false", "pgpart.schedule.cron=every hour").run(ctx -> {
            ConfigException e = root(ctx.getStartupFailure(), ConfigException.class);
            assertThat(e.problems().get(0).where()).isEqualTo("pgpart.schedule.cron");
            assertThat(e.problems().get(0).problem()).contains("'every hour' is not a cron expression");
        });
    }

    @Test
    void withoutTablesOrAConfigTheStarterAddsNothing() {
        Apps.runner(db).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(PgpartMaintenance.class);
        });
    }

    private static RuntimeException catchConfig(String yaml) {
        try {
            SpecLoader.parse(yaml, "pgpart.yml");
            throw new AssertionError("expected a configuration problem");
        } catch (ConfigException e) {
            return e;
        }
    }

    static <T extends Throwable> T root(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + t);
    }
}

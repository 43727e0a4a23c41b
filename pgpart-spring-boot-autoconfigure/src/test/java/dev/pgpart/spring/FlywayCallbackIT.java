package dev.pgpart.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.SpecLoader;
import dev.pgpart.test.Db;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Outside Spring: {@code flyway migrate} with pgpart's callback leaves the new table partitioned. */
@Timeout(120)
class FlywayCallbackIT {

    @Test
    void flywayMigrateWithThePgpartCallbackCreatesThePartitionsOfTheTableItMade() {
        Apps.assumeDefaultMajor();
        Db db = Db.create("flywaycallback");
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/orders")
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
                .callbacks(new PgpartFlywayCallback(SpecLoader.parse("tables: {public.orders: {interval: 1 month, premake: 2}}",
                        "pgpart.yml"), false))
                .load().migrate();

        assertThat(db.partitionsOf("public.orders")).hasSize(3);
        assertThat(db.queryStrings("SELECT application FROM pgpart.run")).containsExactly("flyway");
    }
}

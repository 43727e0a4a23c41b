package dev.pgpart.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HarnessIT {
    @Test
    void embeddedPostgresStartsAndGivesEachCallerItsOwnDatabase() {
        Db a = Db.create("harness_a");
        Db b = Db.create("harness_b");
        a.exec("CREATE TABLE t (x int)");
        assertThat(a.queryLong("SELECT count(*) FROM pg_class WHERE relname = 't'")).isEqualTo(1);
        assertThat(b.queryLong("SELECT count(*) FROM pg_class WHERE relname = 't'")).isZero();
        assertThat(TestPostgres.serverVersionNum()).isGreaterThanOrEqualTo(140000);
    }
}

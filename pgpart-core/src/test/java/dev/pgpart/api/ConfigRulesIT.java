package dev.pgpart.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpart.plan.Finding;
import dev.pgpart.spec.ConfigException;
import dev.pgpart.spec.ConfigProblem;
import dev.pgpart.spec.SpecLoader;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Configuration values checked against the key's real type in PostgreSQL, so validate and maintain agree. */
@Timeout(120)
class ConfigRulesIT {
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:00Z");

    private static Pgpart pgpart(Db db, String yaml) {
        return Pgpart.builder(db.dataSource()).spec(SpecLoader.parse(yaml, "pgpart.yml"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void anInt4KeyWhosePartitionsWouldOverflowIsRefusedByValidateAndMaintainCreatesNothing() {
        Db db = Db.create("int4_overflow");
        db.exec("CREATE TABLE hits (id int NOT NULL) PARTITION BY RANGE (id)");
        Pgpart pgpart = pgpart(db, "tables:\n  hits: {interval: 1000000000, premake: 4}\n");

        List<ConfigProblem> problems = pgpart.validate();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.table()).contains(QualifiedName.of("public", "hits"));
            assertThat(p.problem()).contains("need partition bounds 0 to 5000000000", "key id integer holds only",
                    "2147483647", "22003");
            assertThat(p.fix()).contains("lower premake to at most 1", "ALTER TABLE \"public\".\"hits\" ALTER COLUMN \"id\" TYPE bigint");
        });
        assertThatThrownBy(() -> pgpart.maintain(MaintainOptions.defaults().withConsent(true)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("2147483647");
        assertThat(db.partitionsOf("hits")).isEmpty();
    }

    @Test
    void anInt4KeyNearItsEndIsAFindingAndEveryMaintainSucceedsWithoutCreating() {
        Db db = Db.create("int4_near_end");
        db.exec("CREATE TABLE hits (id int NOT NULL) PARTITION BY RANGE (id)",
                "CREATE TABLE hits_p2000000000 PARTITION OF hits FOR VALUES FROM (2000000000) TO (2100000000)",
                "INSERT INTO hits VALUES (2099999999)");
        Pgpart pgpart = pgpart(db, "tables:\n  hits: {interval: 100000000, premake: 2}\n");
        assertThat(pgpart.validate()).isEmpty();

        for (int run = 1; run <= 2; run++) {
            MaintainResult result = pgpart.maintain(MaintainOptions.defaults().withConsent(true));
            assertThat(result.hasFailures()).as("run %d: %s", run, result.results()).isFalse();
        }

        assertThat(db.partitionsOf("hits")).containsExactly("hits_p2000000000");
        assertThat(pgpart.check()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.DRIFT);
            assertThat(f.message()).contains("from the highest key 2099999999", "holds only -2147483648..2147483647",
                    "no partitions are created");
        });
    }

    @Test
    void aListValueWrittenAs03MatchesTheExistingPartitionIn3AndASecondRunIsANoOp() {
        Db db = Db.create("list_03");
        db.exec("CREATE TABLE codes (code int NOT NULL) PARTITION BY LIST (code)",
                "CREATE TABLE codes_three PARTITION OF codes FOR VALUES IN (3)");
        Pgpart pgpart = pgpart(db, "tables:\n  codes:\n    list: {three: ['03'], four: [4]}\n");
        assertThat(pgpart.validate()).isEmpty();

        MaintainResult first = pgpart.maintain(MaintainOptions.defaults().withConsent(true));

        assertThat(first.hasFailures()).as(first.results().toString()).isFalse();
        assertThat(db.partitionsOf("codes")).containsExactly("codes_four", "codes_three");
        assertThat(pgpart.plan().isEmpty()).as(pgpart.plan().toString()).isTrue();
        MaintainResult second = pgpart.maintain(MaintainOptions.defaults().withConsent(true));
        assertThat(second.results()).isEmpty();
        assertThat(pgpart.check()).isEmpty();
    }

    @Test
    void aListValueThatIsNotAnIntegerIsRefusedByValidateBeforeMaintainTriesIt() {
        Db db = Db.create("list_abc");
        db.exec("CREATE TABLE codes (code int NOT NULL) PARTITION BY LIST (code)");
        Pgpart pgpart = pgpart(db, "tables:\n  codes:\n    list: {a: [abc], one: [1]}\n");

        assertThat(pgpart.validate()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("database tables.\"public.codes\".list.a");
            assertThat(p.table()).isEqualTo(Optional.of(QualifiedName.of("public", "codes")));
            assertThat(p.problem()).isEqualTo("list value 'abc' is not a value of type integer, the type of key code integer");
        });
        assertThatThrownBy(() -> pgpart.maintain(MaintainOptions.defaults().withConsent(true)))
                .isInstanceOf(ConfigException.class);
        assertThat(db.partitionsOf("codes")).isEmpty();
    }
}

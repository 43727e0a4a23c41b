package dev.pgpart.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.spec.ConvertSpec;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Preflight warnings: what does not block a conversion but behaves differently afterwards. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConvertWarningsIT {
    private static final QualifiedName ORDERS = QualifiedName.of("public", "orders");

    private static Db orders(String hint) {
        Db db = Db.create(hint);
        db.exec("CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int NOT NULL,"
                        + " created_at timestamptz NOT NULL)",
                "INSERT INTO orders (n, created_at) SELECT g, timestamptz '2025-06-15 00:00Z' + g * interval '1 hour'"
                        + " FROM generate_series(1, 100) g",
                "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := NEW.n + 1; RETURN NEW; END $$",
                "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
                "CREATE TRIGGER orders_after AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION noop()",
                "CREATE TRIGGER orders_before_update BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stamp()",
                "CREATE TRIGGER orders_each_statement BEFORE INSERT ON orders FOR EACH STATEMENT EXECUTE FUNCTION noop()");
        return db;
    }

    @ParameterizedTest
    @EnumSource(ConvertSpec.Strategy.class)
    void aUserBeforeInsertRowTriggerIsWarnedAboutBecauseAMovedRowFiresItAgain(ConvertSpec.Strategy strategy) {
        Db db = orders("warn_before_insert_" + strategy.text());
        db.exec("CREATE TRIGGER orders_stamp BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION stamp()");
        ConvertPlan plan = AttachConversionIT.pgpart(db, AttachConversionIT.YAML).conversions().plan(ORDERS, Optional.of(strategy));

        assertThat(plan.blockers()).isEmpty();
        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w)
                .startsWith("trigger orders_stamp runs BEFORE INSERT FOR EACH ROW")
                .contains("UPDATE of created_at that moves a row to another partition"));
    }

    @Test
    void otherTriggersGiveNoWarning() {
        Db db = orders("warn_none");
        ConvertPlan plan = AttachConversionIT.pgpart(db, AttachConversionIT.YAML).conversions().plan(ORDERS, Optional.empty());

        assertThat(plan.warnings()).isEmpty();
    }
}

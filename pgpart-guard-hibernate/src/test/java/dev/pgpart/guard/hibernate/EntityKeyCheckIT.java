package dev.pgpart.guard.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.sql.QualifiedName;
import dev.pgpart.test.Db;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The boot-time check through the Integrator that META-INF/services registers, on a real catalog. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EntityKeyCheckIT {
    private static Db db;

    @BeforeAll
    static void schema() {
        db = Orders.create("hibernateboot");
    }

    private static Throwable build(Map<String, Object> settings, Class<?>... entities) {
        return catchThrowable(() -> Hibernate.sessionFactory(db.dataSource(), settings, entities).close());
    }

    /** Hibernate lets the Integrator's exception reach the caller of buildSessionFactory as it is. */
    private static PgpartException thrown(Throwable t) {
        assertThat(t).isInstanceOf(PgpartException.class);
        return (PgpartException) t;
    }

    @Test
    void failModeRefusesToBuildTheSessionFactoryNamingTheEntityTheTableTheKeyAndTheFix() {
        PgpartException e = thrown(build(Map.of(EntityKeyCheck.SETTING, "fail"),
                Order.class, KeyedOrder.class, BareOrder.class));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e.getMessage()).startsWith("1 entity mapping lacks the partition key of their partitioned table:\n  entity "
                        + BareOrder.class.getName() + " is mapped to partitioned table public.orders (partition key column"
                        + " created_at), but created_at is neither part of its identifier nor marked @PartitionKey:"
                        + " session.find(BareOrder.class, id)")
                .contains("@org.hibernate.annotations.PartitionKey", "@IdClass or @EmbeddedId")
                .endsWith("The session factory was not built; nothing was written to the database. Fix the mappings, or set "
                        + EntityKeyCheck.SETTING + "=warn to start anyway.")
                .doesNotContain("entity " + Order.class.getName() + " ", KeyedOrder.class.getName());
    }

    @Test
    void entitiesCarryingTheKeyInTheirIdentifierOrAsPartitionKeyPassTheCheck() {
        assertThat(build(Map.of(EntityKeyCheck.SETTING, "fail"), Order.class, KeyedOrder.class, Customer.class)).isNull();
    }

    @Test
    void warnModeStartsAndTheCheckReportsTheEntity() {
        assertThat(build(Map.of(EntityKeyCheck.SETTING, "WARN"), BareOrder.class)).isNull();
        assertThat(EntityKeyCheck.check(Hibernate.metadata(BareOrder.class), db.dataSource(), EntityCheckMode.WARN))
                .containsExactly(new EntityKeyProblem(BareOrder.class.getName(), QualifiedName.of("public", "orders"), "created_at"));
    }

    @Test
    void theCheckIsOffUnlessTheSettingAsksForIt() {
        assertThat(build(Map.of(), BareOrder.class)).isNull();
    }

    @Test
    void anUnknownSettingIsAConfigErrorThatNamesTheValues() {
        PgpartException e = thrown(build(Map.of(EntityKeyCheck.SETTING, "strict"), Order.class));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG);
        assertThat(e).hasMessageStartingWith("the setting pgpart.guard.entity_check is 'strict': it must be off, warn or fail.");
        assertThat(e).extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING).contains("not built");
    }
}

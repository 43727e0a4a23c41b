package dev.pgpart.guard.hibernate;

import static dev.pgpart.guard.hibernate.Orders.FEB;
import static dev.pgpart.guard.hibernate.Orders.JAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgpart.guard.ExplainOptions;
import dev.pgpart.guard.PruningAnalyzer;
import dev.pgpart.guard.jdbc.GuardListener.Action;
import dev.pgpart.guard.jdbc.GuardMode;
import dev.pgpart.guard.jdbc.GuardOptions;
import dev.pgpart.guard.jdbc.PartitionKeyGuard;
import dev.pgpart.guard.jdbc.Verdict;
import dev.pgpart.test.Db;
import jakarta.persistence.PersistenceException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The classic trap, session.find(Order.class, id) on a table partitioned by created_at, through the inspector. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrderTrapIT {
    private static Db db;

    record Heard(String sql, Verdict verdict, Action action) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final List<String> prepared = new CopyOnWriteArrayList<>();
    private SessionFactory sessionFactory;

    @BeforeAll
    static void schema() {
        db = Orders.create("hibernatetrap");
        for (long id = 1; id <= 8; id++) {
            Orders.insert(db, id, id % 2 == 1 ? JAN : FEB);
        }
    }

    @AfterEach
    void close() {
        sessionFactory.close();
    }

    private SessionFactory hibernate(GuardMode mode) {
        return hibernate(mode, false);
    }

    /** The registration a user writes: start the inspector from the DataSource, hand the instance to Hibernate. */
    private SessionFactory hibernate(GuardMode mode, boolean recordStatements) {
        DataSource dataSource = db.dataSource();
        GuardOptions options = GuardOptions.DEFAULT.withMode(mode).withListener((sql, v, a) -> heard.add(new Heard(sql, v, a)));
        Map<String, Object> settings = new HashMap<>();
        var inspector = PartitionKeyStatementInspector.start(dataSource, options);
        settings.put(AvailableSettings.STATEMENT_INSPECTOR, inspector);
        if (recordStatements) {
            settings.put(AvailableSettings.STATEMENT_INSPECTOR, (StatementInspector) sql -> {
                prepared.add(sql);
                return inspector.inspect(sql);
            });
        }
        sessionFactory = Hibernate.sessionFactory(dataSource, settings, Order.class, KeyedOrder.class, BareOrder.class);
        return sessionFactory;
    }

    private static String status(long id) {
        return db.queryStrings("SELECT coalesce(status, '<none>') FROM orders WHERE id = " + id).stream().findFirst()
                .orElse("<deleted>");
    }

    @Test
    void findByIdWithoutTheKeyIsRejectedWithTheGuardsMessageAndSqlState() {
        SessionFactory sf = hibernate(GuardMode.REJECT);
        GuardRejectedException e = catchThrowableOfType(GuardRejectedException.class,
                () -> sf.inTransaction(s -> s.find(Order.class, 1L)));
        assertThat(e).isInstanceOf(PersistenceException.class); // what a JPA caller catches
        assertThat(e.getSQLState()).isEqualTo(PartitionKeyGuard.SQLSTATE);
        assertThat(e.getSQLException().getSQLState()).isEqualTo(PartitionKeyGuard.SQLSTATE);
        assertThat(e).hasMessage(e.getSQLException().getMessage())
                .hasMessageStartingWith("pgpart guard rejected a statement that would read every partition: partitioned"
                        + " table public.orders (partition key created_at): no predicate on created_at. Statement: select")
                .hasMessageContaining("from orders o1_0 where o1_0.id=? -> The statement did not run.");
        assertThat(heard).extracting(Heard::action).containsExactly(Action.REJECTED);
    }

    @Test
    void aQueryWithoutTheKeyIsRejectedAndABulkDeleteWithoutItLeavesTheRows() {
        SessionFactory sf = hibernate(GuardMode.REJECT);
        assertThat(catchThrowableOfType(GuardRejectedException.class, () -> sf.inTransaction(s ->
                s.createSelectionQuery("from Order where status = 'new'", Order.class).getResultList())))
                .hasMessageContaining("no predicate on created_at");
        assertThat(catchThrowableOfType(GuardRejectedException.class, () -> sf.inTransaction(s ->
                s.createMutationQuery("delete from Order where id = 3").executeUpdate())))
                .hasMessageContaining("no predicate on created_at");
        assertThat(status(3)).isEqualTo("new");
    }

    @Test
    void theSameLookupWithTheKeyPassesAsAQueryOrAsACompositeIdentifier() {
        SessionFactory sf = hibernate(GuardMode.REJECT);
        Order byQuery = sf.fromTransaction(s -> s.createSelectionQuery("from Order where id = :id and createdAt = :at", Order.class)
                .setParameter("id", 2L).setParameter("at", FEB).getSingleResult());
        assertThat(byQuery.getCreatedAt()).isEqualTo(FEB);
        KeyedOrder byKey = sf.fromTransaction(s -> s.find(KeyedOrder.class, new KeyedOrder.Key(1L, JAN)));
        assertThat(byKey.getStatus()).isEqualTo("new");
        assertThat(heard).isEmpty();
    }

    @Test
    void hibernatesCompositeIdentifierLookupReallyScansOnePartition() {
        SessionFactory sf = hibernate(GuardMode.REJECT, true);
        sf.inTransaction(s -> s.find(KeyedOrder.class, new KeyedOrder.Key(1L, JAN)));
        String find = prepared.get(prepared.size() - 1);
        assertThat(find).contains(" in ((?,?))"); // Hibernate's row-value form, which the guard lets through
        var report = new PruningAnalyzer(db.dataSource()).analyzeWithValues(find,
                List.of(1L, OffsetDateTime.ofInstant(JAN, ZoneOffset.UTC)), ExplainOptions.DEFAULT);
        assertThat(report.tables()).singleElement().satisfies(t -> assertThat(t.scannedCount()).isEqualTo(1));
    }

    @Test
    void partitionKeyMakesTheUpdateAndDeleteOfAFlushCarryTheKeySoTheyPass() {
        SessionFactory sf = hibernate(GuardMode.REJECT, true);
        sf.inTransaction(s -> s.createSelectionQuery("from Order where id = :id and createdAt = :at", Order.class)
                .setParameter("id", 4L).setParameter("at", FEB).getSingleResult().setStatus("paid"));
        assertThat(status(4)).isEqualTo("paid");
        sf.inTransaction(s -> s.remove(s.createSelectionQuery("from Order where id = :id and createdAt = :at", Order.class)
                .setParameter("id", 4L).setParameter("at", FEB).getSingleResult()));
        assertThat(status(4)).isEqualTo("<deleted>");
        assertThat(prepared).anyMatch(sql -> sql.startsWith("update orders set ") && sql.endsWith(" where id=? and created_at=?"))
                .anyMatch(sql -> sql.equals("delete from orders where id=? and created_at=?"));
        assertThat(heard).isEmpty();
    }

    @Test
    void withoutPartitionKeyTheUpdateOfAFlushIsRejectedAtCommitAndTheRowKeepsItsValue() {
        SessionFactory sf = hibernate(GuardMode.REJECT);
        GuardRejectedException e = catchThrowableOfType(GuardRejectedException.class, () -> sf.inTransaction(s -> s
                .createSelectionQuery("from BareOrder where id = :id and createdAt = :at", BareOrder.class)
                .setParameter("id", 5L).setParameter("at", JAN).getSingleResult().setStatus("paid")));
        assertThat(e).hasMessageContaining("Statement: update orders set");
        assertThat(status(5)).isEqualTo("new");
    }

    @Test
    void logModeRunsTheLookupAndReportsItOncePerStatementText() {
        SessionFactory sf = hibernate(GuardMode.LOG);
        assertThat(sf.fromTransaction(s -> s.find(Order.class, 6L)).getCreatedAt()).isEqualTo(FEB);
        assertThat(sf.fromTransaction(s -> s.find(Order.class, 7L)).getCreatedAt()).isEqualTo(JAN);
        assertThat(heard).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo(Action.LOGGED);
            assertThat(h.sql()).contains("from orders o1_0 where o1_0.id=?");
        });
    }

    @Test
    void offModeChecksNothing() {
        SessionFactory sf = hibernate(GuardMode.OFF);
        assertThat(sf.fromTransaction(s -> s.find(Order.class, 8L)).getCreatedAt()).isEqualTo(FEB);
        assertThat(heard).isEmpty();
    }
}

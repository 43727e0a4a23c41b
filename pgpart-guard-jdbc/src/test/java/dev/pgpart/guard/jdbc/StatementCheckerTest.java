package dev.pgpart.guard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The text-only judgement, no database: events by range(day), regions by list(region), accounts by hash(tenant, id). */
class StatementCheckerTest {
    private static final KeyCatalog CATALOG = new KeyCatalog(Map.of(
            QualifiedName.of("public", "events"), table("public", "events", "range", "day"),
            QualifiedName.of("public", "regions"), table("public", "regions", "list", "region"),
            QualifiedName.of("sales", "accounts"), table("sales", "accounts", "hash", "tenant", "id"),
            QualifiedName.of("public", "Mixed Case"), table("public", "Mixed Case", "range", "Day"),
            QualifiedName.of("public", "by_expr"), new KeyedTable(QualifiedName.of("public", "by_expr"), "range",
                    List.of(Optional.empty()))), List.of("public"));

    private static KeyedTable table(String schema, String name, String strategy, String... key) {
        return new KeyedTable(QualifiedName.of(schema, name), strategy, List.of(key).stream().map(Optional::of).toList());
    }

    private static Verdict check(String sql) {
        return new StatementChecker(CATALOG).check(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM events WHERE day = '2026-01-05'",
        "SELECT * FROM events WHERE day = ?",
        "SELECT * FROM events WHERE day = ?::date AND kind = 'x'",
        "SELECT * FROM events WHERE day >= ? AND day < ?",
        "SELECT * FROM events WHERE day BETWEEN ? AND ?",
        "SELECT * FROM events WHERE day IN (?, ?)",
        "SELECT * FROM events WHERE day = ANY(?)",
        "SELECT * FROM events WHERE ? = day",
        "SELECT * FROM events WHERE (day = ? OR day = ?) AND kind = 'x'",
        "SELECT * FROM public.events e WHERE e.day = ?",
        "SELECT * FROM events AS e WHERE e.day = current_date",
        "SELECT e.* FROM events e JOIN days d ON e.day = d.day WHERE d.holiday",
        "SELECT e.* FROM days d JOIN events e ON e.day = d.day AND e.kind = 'x'",
        "SELECT * FROM events JOIN days USING (day)",
        "SELECT * FROM events WHERE day IN (SELECT day FROM days WHERE holiday)",
        "SELECT * FROM events WHERE day = (SELECT max(day) FROM days)",
        "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM events e WHERE e.customer = c.id AND e.day = c.last_day)",
        "WITH recent AS (SELECT * FROM events WHERE day = ?) SELECT * FROM recent",
        "WITH recent AS (SELECT * FROM events) SELECT * FROM recent WHERE day = ?",
        "WITH recent AS (SELECT id, day FROM events) SELECT * FROM recent r WHERE r.day = ?",
        "SELECT * FROM (SELECT * FROM events) x WHERE x.day = ?",
        "SELECT * FROM (SELECT * FROM events UNION ALL SELECT * FROM events) x WHERE x.day = ?",
        "SELECT * FROM regions WHERE region = 'eu'",
        "SELECT * FROM sales.accounts WHERE tenant = ? AND id = ?",
        "SELECT * FROM \"Mixed Case\" WHERE \"Day\" = ?",
        "UPDATE events SET kind = 'y' WHERE day = ? AND id = ?",
        "UPDATE events e SET kind = d.kind FROM days d WHERE e.day = d.day",
        "DELETE FROM events WHERE day < ?",
        "DELETE FROM events e USING days d WHERE e.day = d.day",
        "INSERT INTO events (id, day) VALUES (?, ?)",
        "INSERT INTO archive SELECT * FROM events WHERE day < ?",
        "SELECT * FROM days WHERE holiday",
        "CREATE INDEX ON events (kind)",
        "SET search_path = public",
    })
    void passesStatementsThatConstrainTheKey(String sql) {
        assertThat(check(sql)).as(sql).isInstanceOf(Verdict.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM events",
        "SELECT * FROM events WHERE kind = ?",
        "SELECT * FROM events WHERE date_trunc('day', day) = ?",
        "SELECT * FROM events WHERE day::text = ?",
        "SELECT * FROM events WHERE CAST(day AS text) = ?",
        "SELECT * FROM events WHERE day <> ?",
        "SELECT * FROM events WHERE NOT day = ?",
        "SELECT * FROM events WHERE day NOT IN (?, ?)",
        "SELECT * FROM events WHERE day = ? OR kind = 'x'",
        "SELECT * FROM events e WHERE e.day = e.created::date",
        "SELECT * FROM events e JOIN days d ON e.id = d.event_id WHERE d.day = ?",
        "SELECT * FROM days d WHERE d.day IN (SELECT e.day FROM events e WHERE e.kind = 'x')",
        "WITH recent AS MATERIALIZED (SELECT * FROM events) SELECT * FROM recent WHERE day = ?",
        "WITH recent AS (SELECT * FROM events) SELECT * FROM recent a JOIN recent b ON a.id = b.id WHERE a.day = ? AND b.day = ?",
        "WITH recent AS (SELECT id FROM events) SELECT * FROM recent r WHERE r.day = ?",
        "SELECT * FROM (SELECT * FROM events LIMIT 10) x WHERE x.day = ?",
        "SELECT * FROM sales.accounts WHERE tenant = ?",
        "SELECT * FROM regions WHERE lower(region) = 'eu'",
        "UPDATE events SET kind = 'y' WHERE id = ?",
        "DELETE FROM events WHERE id = ?",
        "INSERT INTO archive SELECT * FROM events WHERE kind = 'x'",
        "SELECT 1; SELECT * FROM events",
    })
    void rejectsStatementsThatDoNotConstrainTheKey(String sql) {
        assertThat(check(sql)).as(sql).isInstanceOf(Verdict.Violation.class);
    }

    /** Hibernate loads an entity with a composite identifier by a row value; PostgreSQL expands = and IN of rows per column. */
    @ParameterizedTest
    @ValueSource(strings = {
        "select e1_0.id from events e1_0 where (e1_0.id,e1_0.day) in ((?,?))",
        "select e1_0.id from events e1_0 where (e1_0.id,e1_0.day) in ((?,?),(?,?))",
        "SELECT * FROM events WHERE (day, id) = (?, ?)",
        "SELECT * FROM events WHERE (?, ?) = (id, day)",
        "SELECT * FROM sales.accounts WHERE (tenant, id) IN ((?, ?))",
        "DELETE FROM events WHERE (id, day) = (?, ?)",
    })
    void passesRowValuesThatCarryTheKeyAsHibernateWritesCompositeIdentifiers(String sql) {
        assertThat(check(sql)).as(sql).isInstanceOf(Verdict.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM events WHERE (id, kind) IN ((?, ?))",
        "SELECT * FROM events WHERE (id, day) < (?, ?)",
        "SELECT * FROM events WHERE (id, day) <> (?, ?)",
        "SELECT * FROM events WHERE (id, day) NOT IN ((?, ?))",
        "SELECT * FROM events e WHERE (e.id, e.day) IN ((?, e.day))",
        "SELECT * FROM events WHERE (id, day) IN ((?, ?), (?, day))",
        "SELECT * FROM sales.accounts WHERE (tenant, name) IN ((?, ?))",
    })
    void rejectsRowValuesWithoutTheKeyOrComparedByOrderOrInequality(String sql) {
        assertThat(check(sql)).as(sql).isInstanceOf(Verdict.Violation.class);
    }

    @Test
    void theOffenceNamesTheTableAndTheMissingKeyColumns() {
        Verdict v = check("SELECT * FROM sales.accounts a WHERE a.tenant = ?");
        assertThat(((Verdict.Violation) v).offences()).containsExactly(
                new Verdict.Offence(QualifiedName.of("sales", "accounts"), "(tenant, id)", "no predicate on id"));
    }

    @Test
    void aTablePartitionedByAnExpressionCannotBeJudgedFromTheText() {
        assertThat(check("SELECT * FROM by_expr WHERE x = 1")).isInstanceOf(Verdict.Unjudged.class);
    }

    @Test
    void textTheParserCannotReadIsUnjudgedWhenItIsAQuery() {
        assertThat(check("SELECT * FROM events WHERE day = ? FOR NO KEY UPDATE OF events SKIP LOCKED NOWAIT ;;; )"))
                .isInstanceOf(Verdict.Unjudged.class);
    }

    @Test
    void aTableOnlyFoundInAnotherSchemaIsNotTheSearchPathsTable() {
        assertThat(check("SELECT * FROM accounts")).isInstanceOf(Verdict.Allowed.class);
    }
}

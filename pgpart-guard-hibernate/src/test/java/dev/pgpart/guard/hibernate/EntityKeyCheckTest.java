package dev.pgpart.guard.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpart.guard.jdbc.KeyCatalog;
import dev.pgpart.guard.jdbc.KeyedTable;
import dev.pgpart.sql.QualifiedName;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.PartitionKey;
import org.junit.jupiter.api.Test;

/** The mapping check without a database: a catalog built by hand, Hibernate's boot metadata without a connection. */
class EntityKeyCheckTest {
    private static final QualifiedName ACCOUNTS = QualifiedName.of("sales", "accounts");
    private static final QualifiedName READINGS = QualifiedName.of("public", "readings");
    private static final KeyCatalog CATALOG = new KeyCatalog(Map.of(
            ACCOUNTS, new KeyedTable(ACCOUNTS, "hash", List.of(Optional.of("tenant"), Optional.of("id"))),
            READINGS, new KeyedTable(READINGS, "range", List.of(Optional.empty()))), List.of("public"));

    @Entity
    @Table(schema = "sales", name = "accounts")
    public static class AccountByTenant {
        @Id
        Long id;

        @PartitionKey
        Integer tenant;
    }

    @Entity
    @Table(schema = "sales", name = "ACCOUNTS") // unquoted: PostgreSQL folds it to accounts
    public static class AccountById {
        @Id
        Long id;

        @Column(name = "Tenant")
        Integer tenant;
    }

    @Entity
    @Table(name = "accounts") // public.accounts is not partitioned: sales is not on the search path
    public static class PublicAccount {
        @Id
        Long id;
    }

    @Entity
    @Table(name = "readings")
    public static class Reading {
        @Id
        Long id;
    }

    @Test
    void aHashKeyNeedsEveryColumnInTheIdentifierOrAsPartitionKey() {
        assertThat(EntityKeyCheck.problems(Hibernate.metadata(AccountByTenant.class, AccountById.class), CATALOG))
                .containsExactly(new EntityKeyProblem(AccountById.class.getName(), ACCOUNTS, "tenant"));
    }

    @Test
    void aTableOutsideTheCatalogOrPartitionedByAnExpressionIsNotJudged() {
        assertThat(EntityKeyCheck.problems(Hibernate.metadata(PublicAccount.class, Reading.class), CATALOG)).isEmpty();
    }
}

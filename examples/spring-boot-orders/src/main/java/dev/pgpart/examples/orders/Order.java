package dev.pgpart.examples.orders;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order, in monthly partitions of {@code created_at}; its primary key includes the partition key,
 * as PostgreSQL requires (pgpart ddl checks it). {@code db/migration/V2__create_partitioned_orders.sql}
 * is generated from this class.
 */
@Entity
@Table(name = "orders")
@IdClass(Order.Key.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "created_at", interval = "1 month", premake = 3,
        retention = "12 months")
public class Order {
    /** Assigned by the application (e.g. from a sequence): generated ids inside a composite key vary by JPA provider. */
    @Id
    private Long id;

    @Id
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false, columnDefinition = "text")
    private String customer;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal amount;

    protected Order() {
    }

    public Order(long id, Instant createdAt, String customer, BigDecimal amount) {
        this.id = id;
        this.createdAt = createdAt;
        this.customer = customer;
        this.amount = amount;
    }

    public Long getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public record Key(Long id, Instant createdAt) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

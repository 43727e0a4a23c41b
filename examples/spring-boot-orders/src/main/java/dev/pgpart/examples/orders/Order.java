package dev.pgpart.examples.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** An order; its primary key includes the partition key {@code created_at}, as PostgreSQL requires. */
@Entity
@Table(name = "orders")
@IdClass(Order.Key.class)
public class Order {
    /** Assigned by the application (e.g. from a sequence): generated ids inside a composite key vary by JPA provider. */
    @Id
    private Long id;

    @Id
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private String customer;

    @Column(nullable = false)
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

package dev.pgpart.guard.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.PartitionKey;

/** The classic trap: the table is partitioned by created_at, the identifier is the id alone. */
@Entity
@Table(name = "orders")
public class Order {
    @Id
    private Long id;

    @PartitionKey // UPDATE and DELETE carry it; find(Order.class, id) still cannot
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    private String status;

    protected Order() {
    }

    public Order(Long id, Instant createdAt, String status) {
        this.id = id;
        this.createdAt = createdAt;
        this.status = status;
    }

    public Long getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}

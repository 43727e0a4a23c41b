package dev.pgpart.guard.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The same table with the partition key in the identifier: find carries it. */
@Entity
@Table(name = "orders")
@IdClass(KeyedOrder.Key.class)
public class KeyedOrder {
    public record Key(Long id, Instant createdAt) implements Serializable {
    }

    @Id
    private Long id;

    @Id
    @Column(name = "created_at")
    private Instant createdAt;

    private String status;

    protected KeyedOrder() {
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}

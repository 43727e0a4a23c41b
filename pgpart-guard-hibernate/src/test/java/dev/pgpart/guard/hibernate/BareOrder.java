package dev.pgpart.guard.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The trap without any help: neither the identifier nor a @PartitionKey carries created_at. */
@Entity
@Table(name = "orders")
public class BareOrder {
    @Id
    private Long id;

    @Column(name = "created_at")
    private Instant createdAt;

    private String status;

    protected BareOrder() {
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

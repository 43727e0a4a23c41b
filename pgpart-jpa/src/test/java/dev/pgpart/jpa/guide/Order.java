package dev.pgpart.jpa.guide;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The entity of docs/guide-jpa.md, as the guide shows it (GuideJpaTest checks that). */
// guide:begin
@Entity
@Table(name = "orders")
@IdClass(Order.Key.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "created_at", interval = "1 month",
        premake = 1, retention = "12 months", defaultPartition = true)
public class Order {
    @Id
    private Long id;

    @Id
    @Column(name = "created_at")
    private Instant createdAt;

    @Column(nullable = false, columnDefinition = "text")
    private String customer;

    protected Order() {
    }

    public record Key(Long id, Instant createdAt) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
// guide:end

package dev.pgpart.jpa.fx;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A RANGE entity done right: the id includes the partition key. */
@Entity
@Table(name = "orders", indexes = @Index(name = "orders_customer_idx", columnList = "customer_id"))
@IdClass(OrderKey.class)
@Partitioned(method = Partitioned.Method.RANGE, key = "created_at", interval = "1 month", premake = 2,
        retention = "12 months", defaultPartition = true)
public class Order {
    @Id
    public Long id;
    @Id
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "customer_id", nullable = false)
    public long customerId;
    @Column(precision = 12, scale = 2)
    public BigDecimal total;
}

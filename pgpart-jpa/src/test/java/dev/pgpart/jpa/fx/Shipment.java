package dev.pgpart.jpa.fx;

import dev.pgpart.jpa.ListPartition;
import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.PartitionKey;

/** A LIST entity whose key joins the primary key through Hibernate's @PartitionKey. */
@Entity
@Table(name = "shipments")
@Partitioned(method = Partitioned.Method.LIST, key = "region", defaultPartition = true)
@ListPartition(suffix = "na", values = {"US", "CA"})
@ListPartition(suffix = "eu", values = {"DE", "FR", "NO"})
public class Shipment {
    @Id
    public Long id;
    @PartitionKey
    @Column(length = 2, nullable = false)
    public String region;
    public String carrier;
}

package dev.pgpart.examples.orders;

import dev.pgpart.jpa.ListPartition;
import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.PartitionKey;

/**
 * A customer, in LIST partitions by region with a default partition for the rest. Hibernate's
 * {@code @PartitionKey} puts {@code region} into the primary key (and into every UPDATE and DELETE).
 */
@Entity
@Table(name = "customers")
@Partitioned(method = Partitioned.Method.LIST, key = "region", defaultPartition = true)
@ListPartition(suffix = "eu", values = "EU")
@ListPartition(suffix = "na", values = "NA")
@ListPartition(suffix = "apac", values = {"AS", "OC"})
public class Customer {
    @Id
    private Long id;

    @PartitionKey
    @Column(nullable = false, columnDefinition = "text")
    private String region;

    @Column(nullable = false, columnDefinition = "text")
    private String name;

    protected Customer() {
    }

    public Customer(long id, String region, String name) {
        this.id = id;
        this.region = region;
        this.name = name;
    }
}

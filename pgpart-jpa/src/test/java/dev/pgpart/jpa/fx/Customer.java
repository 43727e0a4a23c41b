package dev.pgpart.jpa.fx;

import dev.pgpart.jpa.HashPartitions;
import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A HASH entity with an @EmbeddedId that includes the key. */
@Entity
@Table(name = "customers")
@Partitioned(method = Partitioned.Method.HASH, key = "tenant_id")
@HashPartitions(modulus = 4)
public class Customer {
    @EmbeddedId
    public CustomerKey key;
    public String name;
}

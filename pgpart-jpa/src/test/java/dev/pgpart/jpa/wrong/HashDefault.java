package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.HashPartitions;
import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Wrong: a default partition on a HASH table, which PostgreSQL does not allow. */
@Entity
@Table(name = "blobs")
@Partitioned(method = Partitioned.Method.HASH, key = "id", defaultPartition = true)
@HashPartitions(modulus = 2)
public class HashDefault {
    @Id
    public Long id;
}

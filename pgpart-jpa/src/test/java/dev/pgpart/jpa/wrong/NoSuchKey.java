package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.HashPartitions;
import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Wrong: the key names nothing; a default partition on a HASH table. */
@Entity
@Table(name = "tags")
@Partitioned(method = Partitioned.Method.HASH, key = "tenant", defaultPartition = true)
@HashPartitions(modulus = 2)
public class NoSuchKey {
    @Id
    public Long id;
    public String label;
}

package dev.pgpart.jpa.wrong;

import dev.pgpart.jpa.Partitioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.PartitionKey;

/** Wrong: two unique constraints that leave out the partition key. */
@Entity
@Table(name = "accounts", uniqueConstraints = @UniqueConstraint(name = "accounts_number_uq", columnNames = "number"))
@Partitioned(method = Partitioned.Method.HASH, key = "region")
@dev.pgpart.jpa.HashPartitions(modulus = 2)
public class UniqueWithoutKey {
    @Id
    public Long id;
    @PartitionKey
    @Column(nullable = false)
    public String region;
    public String number;
    @Column(unique = true)
    public String email;
}

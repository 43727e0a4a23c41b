package dev.pgpart.guard.hibernate;

import dev.pgpart.sql.QualifiedName;

/**
 * An entity mapped to a partitioned table whose identifier lacks a partition-key column that is not
 * marked {@code @PartitionKey} either.
 *
 * @param entity    the entity name (the class name unless {@code @Entity(name=...)} says otherwise)
 * @param table     the partitioned table (its root)
 * @param keyColumn the key column the entity does not carry
 */
public record EntityKeyProblem(String entity, QualifiedName table, String keyColumn) {
    public String message() {
        String simple = entity.substring(entity.lastIndexOf('.') + 1);
        return "entity " + entity + " is mapped to partitioned table " + table + " (partition key column " + keyColumn
                + "), but " + keyColumn + " is neither part of its identifier nor marked @PartitionKey:"
                + " session.find(" + simple + ".class, id) and the UPDATE and DELETE Hibernate writes for it filter on the"
                + " identifier alone and read every partition -> Annotate the attribute mapped to " + keyColumn
                + " with @org.hibernate.annotations.PartitionKey (UPDATE and DELETE then carry it; load by a query that"
                + " filters on " + keyColumn + "), or put " + keyColumn + " into the identifier with @IdClass or"
                + " @EmbeddedId (find then carries it too).";
    }
}

package dev.pgpart.plan;

import dev.pgpart.api.Bound;
import dev.pgpart.sql.QualifiedName;

/** One child of a sub-partitioned new partition, named by the planner: {@code plan} shows it, the executor creates it. */
public record Leaf(QualifiedName name, Bound bound) {
}

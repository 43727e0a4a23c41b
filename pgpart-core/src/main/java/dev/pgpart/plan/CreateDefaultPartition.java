package dev.pgpart.plan;

import dev.pgpart.sql.QualifiedName;

/** Create the DEFAULT child, which catches rows no other partition accepts. */
public record CreateDefaultPartition(QualifiedName parent, QualifiedName partition) implements Action {
    @Override
    public String describe() {
        return "create " + partition + " DEFAULT";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.createDefault(this);
    }
}

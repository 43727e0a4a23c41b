package dev.pgpart.liquibase;

import dev.pgpart.api.Bound;
import java.util.Optional;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.exception.ValidationErrors;

/** {@code <pgpart:addRangePartition tableName="events" partitionName="events_p20270101" from="2027-01-01" to="2027-02-01"/>} */
@DatabaseChange(name = "addRangePartition", description = "Adds a RANGE partition (create, then attach)",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class AddRangePartitionChange extends AddPartitionChange {
    private Optional<String> from = Optional.empty();
    private Optional<String> to = Optional.empty();

    @DatabaseChangeProperty(description = "Lower bound, included (a literal of the key's type; timestamptz without an offset is UTC)",
            requiredForDatabase = "postgresql")
    public String getFrom() {
        return from.orElse(null);
    }

    public void setFrom(String from) {
        this.from = Optional.ofNullable(from);
    }

    @DatabaseChangeProperty(description = "Upper bound, excluded", requiredForDatabase = "postgresql")
    public String getTo() {
        return to.orElse(null);
    }

    public void setTo(String to) {
        this.to = Optional.ofNullable(to);
    }

    @Override
    Bound bound() {
        return new Bound.Range(from, to);
    }

    @Override
    void validateProperties(ValidationErrors errors) {
        // from and to are required properties: Liquibase reports them missing
    }
}

package dev.pgpart.liquibase;

import dev.pgpart.api.Bound;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.exception.ValidationErrors;

/** {@code <pgpart:addDefaultPartition tableName="events" partitionName="events_default"/>} */
@DatabaseChange(name = "addDefaultPartition", description = "Adds the DEFAULT partition (create, then attach)",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class AddDefaultPartitionChange extends AddPartitionChange {
    @Override
    Bound bound() {
        return new Bound.Default();
    }

    @Override
    void validateProperties(ValidationErrors errors) {
        // nothing beyond the table and the name
    }
}

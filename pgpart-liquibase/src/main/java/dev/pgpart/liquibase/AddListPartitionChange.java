package dev.pgpart.liquibase;

import dev.pgpart.api.Bound;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.exception.ValidationErrors;

/** {@code <pgpart:addListPartition tableName="orders" partitionName="orders_eu" values="DE,AT,FR"/>} */
@DatabaseChange(name = "addListPartition", description = "Adds a LIST partition (create, then attach)",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class AddListPartitionChange extends AddPartitionChange {
    private Optional<String> values = Optional.empty();

    @DatabaseChangeProperty(description = "The values, separated by commas (spaces around a value are kept)",
            requiredForDatabase = "postgresql")
    public String getValues() {
        return values.orElse(null);
    }

    public void setValues(String values) {
        this.values = Optional.ofNullable(values);
    }

    private List<String> split() {
        return values.map(v -> Arrays.asList(v.split(",", -1))).orElse(List.of());
    }

    @Override
    Bound bound() {
        return new Bound.In(split().stream().map(Optional::of).toList());
    }

    @Override
    void validateProperties(ValidationErrors errors) {
        if (values.isPresent() && split().stream().anyMatch(String::isEmpty)) {
            errors.addError("addListPartition " + getPartitionName() + ": values '" + values.get() + "' has an empty value"
                    + " (two commas in a row, or one at an end)");
        }
    }
}

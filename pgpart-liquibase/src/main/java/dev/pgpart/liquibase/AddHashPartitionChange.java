package dev.pgpart.liquibase;

import dev.pgpart.api.Bound;
import java.util.Optional;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.exception.ValidationErrors;

/** {@code <pgpart:addHashPartition tableName="sessions" partitionName="sessions_p3" modulus="4" remainder="3"/>} */
@DatabaseChange(name = "addHashPartition", description = "Adds a HASH partition (create, then attach)",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class AddHashPartitionChange extends AddPartitionChange {
    private Optional<Integer> modulus = Optional.empty();
    private Optional<Integer> remainder = Optional.empty();

    @DatabaseChangeProperty(description = "MODULUS of the bound", requiredForDatabase = "postgresql")
    public Integer getModulus() {
        return modulus.orElse(null);
    }

    public void setModulus(Integer modulus) {
        this.modulus = Optional.ofNullable(modulus);
    }

    @DatabaseChangeProperty(description = "REMAINDER of the bound, from 0 to modulus - 1", requiredForDatabase = "postgresql")
    public Integer getRemainder() {
        return remainder.orElse(null);
    }

    public void setRemainder(Integer remainder) {
        this.remainder = Optional.ofNullable(remainder);
    }

    @Override
    Bound bound() {
        return new Bound.Hash(modulus.orElseThrow(), remainder.orElseThrow());
    }

    @Override
    void validateProperties(ValidationErrors errors) {
        if (modulus.isPresent() && remainder.isPresent() && (modulus.get() < 1 || remainder.get() < 0
                || remainder.get() >= modulus.get())) {
            errors.addError("addHashPartition " + getPartitionName() + ": modulus " + modulus.get() + ", remainder "
                    + remainder.get() + " is not a hash bound: modulus must be at least 1, remainder from 0 to modulus - 1");
        }
    }
}

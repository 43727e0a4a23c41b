package dev.pgpart.liquibase;

import dev.pgpart.api.PartitionDdl;
import dev.pgpart.api.PartitionOperation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.RollbackImpossibleException;
import liquibase.exception.ValidationErrors;
import liquibase.statement.SqlStatement;

/**
 * Detaches then drops a partition, with its rows. No automatic rollback: the rows are gone, so a
 * rollback cannot bring them back; write a {@code <rollback>} (for example an add change of the
 * same bound) if the empty partition should come back.
 *
 * <p>{@code concurrently="true"} detaches with {@code DETACH ... CONCURRENTLY} (the parent takes
 * only SHARE UPDATE EXCLUSIVE); PostgreSQL refuses it in a transaction, so the change set needs
 * {@code runInTransaction="false"}.
 */
@DatabaseChange(name = "deletePartition", description = "Detaches then drops a partition (its rows are dropped with it)",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class DeletePartitionChange extends PartitionChange {
    private Optional<String> partitionName = Optional.empty();
    private Optional<Boolean> concurrently = Optional.empty();

    @DatabaseChangeProperty(description = "The partition to delete", requiredForDatabase = "postgresql")
    public String getPartitionName() {
        return partitionName.orElse(null);
    }

    public void setPartitionName(String partitionName) {
        this.partitionName = Optional.ofNullable(partitionName).filter(s -> !s.isEmpty());
    }

    @DatabaseChangeProperty(description = "Detach CONCURRENTLY (needs runInTransaction=\"false\"; not on a table with a DEFAULT partition)")
    public Boolean getConcurrently() {
        return concurrently.orElse(null);
    }

    public void setConcurrently(Boolean concurrently) {
        this.concurrently = Optional.ofNullable(concurrently);
    }

    @Override
    PartitionOperation operation(Connection c, Database database) throws SQLException {
        var partition = qualified(database, partitionName.orElseThrow());
        return PartitionDdl.readParentOf(c, partition).delete(partition, concurrently.orElse(false));
    }

    @Override
    void validateProperties(ValidationErrors errors) {
        if (concurrently.orElse(false) && getChangeSet() != null && getChangeSet().isRunInTransaction()) {
            errors.addError("deletePartition " + partitionName.orElse("") + " concurrently=\"true\": DETACH ... CONCURRENTLY"
                    + " cannot run in a transaction; add runInTransaction=\"false\" to change set " + getChangeSet().getId());
        }
    }

    @Override
    public boolean supportsRollback(Database database) {
        return false;
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) throws RollbackImpossibleException {
        throw new RollbackImpossibleException("deletePartition " + partitionName.orElse("") + " has no automatic rollback:"
                + " its rows were dropped with it. Nothing was rolled back by this change set; write a <rollback> in it"
                + " (for example the add change of the same bound) to recreate the empty partition");
    }

    @Override
    public String getConfirmationMessage() {
        return "pgpart: partition " + partitionName.orElse("") + " detached and dropped";
    }
}

package dev.pgpart.liquibase;

import dev.pgpart.api.Bound;
import dev.pgpart.api.PartitionDdl;
import dev.pgpart.api.PartitionOperation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.statement.SqlStatement;

/**
 * Adds one partition: CREATE TABLE (LIKE parent), then ATTACH, moving rows of its bound out of the
 * DEFAULT partition first. Rolled back by detaching then dropping that partition (its rows go with it).
 */
public abstract class AddPartitionChange extends PartitionChange {
    private Optional<String> tableName = Optional.empty();
    private Optional<String> partitionName = Optional.empty();

    @DatabaseChangeProperty(description = "The partitioned table", requiredForDatabase = "postgresql")
    public String getTableName() {
        return tableName.orElse(null);
    }

    public void setTableName(String tableName) {
        this.tableName = Optional.ofNullable(tableName).filter(s -> !s.isEmpty());
    }

    @DatabaseChangeProperty(description = "Name of the new partition, in the table's schema; a rollback drops it by this name",
            requiredForDatabase = "postgresql")
    public String getPartitionName() {
        return partitionName.orElse(null);
    }

    public void setPartitionName(String partitionName) {
        this.partitionName = Optional.ofNullable(partitionName).filter(s -> !s.isEmpty());
    }

    /** The bound of the new partition, from the change's properties (validated before). */
    abstract Bound bound();

    @Override
    PartitionOperation operation(Connection c, Database database) throws SQLException {
        return PartitionDdl.read(c, qualified(database, tableName.orElseThrow())).add(bound(), partitionName);
    }

    @Override
    public boolean supportsRollback(Database database) {
        return true;
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return statements(database, c -> PartitionDdl.read(c, qualified(database, tableName.orElseThrow()))
                .delete(qualified(database, partitionName.orElseThrow()), false));
    }

    @Override
    public String getConfirmationMessage() {
        return "pgpart: partition " + partitionName.orElse("") + " added to " + tableName.orElse("");
    }
}

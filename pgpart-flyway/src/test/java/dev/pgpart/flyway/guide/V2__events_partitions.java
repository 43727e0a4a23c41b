package dev.pgpart.flyway.guide;

import dev.pgpart.flyway.PartitionMigrations;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

public class V2__events_partitions extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        PartitionMigrations partitions = PartitionMigrations.on(context);
        partitions.addRangePartition("public.events", "2027-01-01", "2027-02-01");
        partitions.addRangePartition("public.events", "events_2027_02", "2027-02-01", "2027-03-01");
    }
}

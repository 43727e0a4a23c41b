package dev.pgpart.flyway.guide;

import dev.pgpart.flyway.DetachPartitionConcurrentlyMigration;

public class V3__delete_events_2027_01 extends DetachPartitionConcurrentlyMigration {
    @Override
    protected String partition() {
        return "public.events_2027_02";
    }
}

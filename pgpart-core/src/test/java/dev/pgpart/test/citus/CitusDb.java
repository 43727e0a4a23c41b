package dev.pgpart.test.citus;

import dev.pgpart.test.Db;
import java.util.List;
import javax.sql.DataSource;

/**
 * A test database on a Citus cluster: {@link #coordinator()} is where pgpart runs, {@link #workers()}
 * hold the shards (tests connect there directly to hold locks on a shard).
 */
public record CitusDb(DataSource coordinatorSource, List<DataSource> workerSources) {
    public CitusDb {
        workerSources = List.copyOf(workerSources);
    }

    public Db coordinator() {
        return new Db(coordinatorSource);
    }

    public List<Db> workers() {
        return workerSources.stream().map(Db::new).toList();
    }
}

package dev.pgpart.test.citus;

import dev.pgpart.test.Db;
import java.util.List;
import javax.sql.DataSource;

/**
 * A test database on a Citus cluster: {@link #coordinator()} is where pgpart runs, {@link #workers()}
 * hold the shards (tests connect there directly to hold locks on a shard).
 */
public record CitusDb(DataSource coordinatorSource, List<DataSource> workerSources, List<Integer> workerPorts) {
    public CitusDb {
        workerSources = List.copyOf(workerSources);
        workerPorts = List.copyOf(workerPorts);
    }

    public Db coordinator() {
        return new Db(coordinatorSource);
    }

    /** The worker listening on {@code port} (as pg_dist_node has it). */
    public DataSource worker(int port) {
        return workerSources.get(workerPorts.indexOf(port));
    }

    public List<Db> workers() {
        return workerSources.stream().map(Db::new).toList();
    }
}

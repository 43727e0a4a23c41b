package dev.pgpart.state;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A long piece of work (a conversion, an archive) as the state schema keeps it.
 *
 * @param target     what it works on, e.g. a table name: one unfinished job per target
 * @param phase      the phase running now (or, for a finished job, the last one)
 * @param done       units of work done so far, committed together with that work
 * @param total      units in all, when known
 * @param params     what the job was started with
 * @param checkpoint where each phase is: written in the same transaction as the work it describes
 * @param owner      who runs it (host, process, backend pid), or ran it last
 * @param heartbeat  when the owner last reported progress
 */
public record Job(long id, String kind, String target, State state, String phase, long done, OptionalLong total,
                  String unit, Map<String, String> params, Map<String, String> checkpoint, String owner, int ownerPid,
                  Instant heartbeat, Instant createdAt, Optional<Instant> finishedAt, Optional<String> error) {
    public Job {
        params = Map.copyOf(params);
        checkpoint = Map.copyOf(checkpoint);
    }

    public enum State {
        RUNNING, DONE, FAILED, CANCELLED;

        String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String sql) {
            return valueOf(sql.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean finished() {
        return state == State.DONE || state == State.CANCELLED;
    }
}

package dev.pgpart.guard.jdbc;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions by SQL text, bounded. Reads take no lock (the hot path: one hash lookup); when full,
 * an arbitrary entry makes room, which is cheaper than LRU bookkeeping on every read and fine for
 * an application's fixed set of statements.
 */
final class VerdictCache<V> {
    private final int max;
    private final ConcurrentHashMap<String, V> map;

    VerdictCache(int max) {
        this.max = max;
        this.map = new ConcurrentHashMap<>(Math.min(max, 1024));
    }

    Optional<V> get(String sql) {
        return Optional.ofNullable(map.get(sql));
    }

    void put(String sql, V value) {
        if (max == 0) {
            return;
        }
        while (map.size() >= max && !map.containsKey(sql)) {
            Iterator<String> it = map.keySet().iterator();
            if (!it.hasNext()) {
                break;
            }
            map.remove(it.next());
        }
        map.put(sql, value);
    }

    int size() {
        return map.size();
    }
}

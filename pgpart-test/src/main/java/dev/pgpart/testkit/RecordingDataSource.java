package dev.pgpart.testkit;

import dev.pgpart.guard.Param;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Wraps a DataSource so that every statement run through its connections is recorded, with the
 * values bound to it, before it reaches the driver. Everything else passes straight through.
 */
final class RecordingDataSource {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "addBatch");

    private RecordingDataSource() {
    }

    static DataSource wrap(DataSource target, Consumer<RecordedStatement> sink) {
        return proxy(DataSource.class, target, (p, m, a) -> {
            Object result = call(target, m, a);
            return result instanceof Connection c && m.getName().equals("getConnection") ? connection(c, sink) : result;
        });
    }

    private static Connection connection(Connection target, Consumer<RecordedStatement> sink) {
        return proxy(Connection.class, target, (p, m, a) -> {
            Object result = call(target, m, a);
            if (m.getName().equals("prepareStatement") && result instanceof PreparedStatement ps) {
                return prepared(ps, (String) a[0], sink);
            }
            if (m.getName().equals("createStatement") && result instanceof Statement s) {
                return statement(s, sink);
            }
            return result;
        });
    }

    private static Statement statement(Statement target, Consumer<RecordedStatement> sink) {
        return proxy(Statement.class, target, (p, m, a) -> {
            if (EXECUTES.contains(m.getName()) && a != null && a.length > 0 && a[0] instanceof String sql) {
                sink.accept(new RecordedStatement(sql, List.of()));
            }
            return call(target, m, a);
        });
    }

    private static PreparedStatement prepared(PreparedStatement target, String sql, Consumer<RecordedStatement> sink) {
        Map<Integer, Param> values = new TreeMap<>();
        return proxy(PreparedStatement.class, target, (p, m, a) -> {
            String name = m.getName();
            if (name.startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer index) {
                values.put(index, name.equals("setNull") ? new Param.Null((Integer) a[1]) : Param.of(a[1]));
            } else if (name.equals("clearParameters")) {
                values.clear();
            } else if (EXECUTES.contains(name)) {
                boolean ownSql = a != null && a.length > 0 && a[0] instanceof String;
                sink.accept(ownSql ? new RecordedStatement((String) a[0], List.of()) : new RecordedStatement(sql, inOrder(values)));
            }
            return call(target, m, a);
        });
    }

    /** Values by parameter number; a number never set (a bug in the caller, the driver will say so) is NULL. */
    private static List<Param> inOrder(Map<Integer, Param> values) {
        List<Param> out = new ArrayList<>();
        int max = values.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 1; i <= max; i++) {
            out.add(values.getOrDefault(i, new Param.Null(java.sql.Types.OTHER)));
        }
        return out;
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(RecordingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> {
                    if (m.getName().equals("unwrap") && a != null && a[0] == type) {
                        return p;
                    }
                    return handler.invoke(p, m, a);
                }));
    }
}

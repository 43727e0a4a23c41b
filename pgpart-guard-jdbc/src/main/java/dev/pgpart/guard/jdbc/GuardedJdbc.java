package dev.pgpart.guard.jdbc;

import dev.pgpart.guard.Param;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The JDBC wrappers: statements are checked when they are prepared (a rejected one is never sent),
 * or, for plain statements, when they are executed. A statement only EXPLAIN can judge is checked
 * at its first execution, with the values bound to it. Everything else passes straight through.
 */
final class GuardedJdbc {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "addBatch");
    private static final Set<String> PREPARES = Set.of("prepareStatement", "prepareCall");

    private GuardedJdbc() {
    }

    static DataSource dataSource(DataSource target, PartitionKeyGuard guard) {
        return proxy(DataSource.class, target, (p, m, a) -> {
            Object result = call(target, m, a);
            return result instanceof Connection c && m.getName().equals("getConnection") ? connection(c, guard) : result;
        });
    }

    static Connection connection(Connection target, PartitionKeyGuard guard) {
        return proxy(Connection.class, target, (p, m, a) -> {
            String name = m.getName();
            if (PREPARES.contains(name) && a != null && a[0] instanceof String sql) {
                boolean needsValues = guard.beforePrepare(sql);
                Object result = call(target, m, a);
                return needsValues && name.equals("prepareStatement") ? prepared((PreparedStatement) result, sql, guard) : result;
            }
            Object result = call(target, m, a);
            return name.equals("createStatement") && result instanceof Statement s ? statement(s, guard) : result;
        });
    }

    private static Statement statement(Statement target, PartitionKeyGuard guard) {
        return proxy(Statement.class, target, (p, m, a) -> {
            if (EXECUTES.contains(m.getName()) && a != null && a.length > 0 && a[0] instanceof String sql) {
                guard.beforeExecute(sql, List.of());
            }
            return call(target, m, a);
        });
    }

    /** Records bound values so that EXPLAIN sees what the execution would. */
    private static PreparedStatement prepared(PreparedStatement target, String sql, PartitionKeyGuard guard) {
        Map<Integer, Param> values = new TreeMap<>();
        return proxy(PreparedStatement.class, target, (p, m, a) -> {
            String name = m.getName();
            if (name.startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer index) {
                values.put(index, name.equals("setNull") ? new Param.Null((Integer) a[1]) : Param.of(a[1]));
            } else if (name.equals("clearParameters")) {
                values.clear();
            } else if (EXECUTES.contains(name)) {
                boolean ownSql = a != null && a.length > 0 && a[0] instanceof String;
                guard.beforeExecute(ownSql ? (String) a[0] : sql, ownSql ? List.of() : inOrder(values));
            }
            return call(target, m, a);
        });
    }

    private static List<Param> inOrder(Map<Integer, Param> values) {
        List<Param> out = new ArrayList<>();
        int max = values.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 1; i <= max; i++) {
            out.add(values.getOrDefault(i, new Param.Null(Types.OTHER)));
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
        return type.cast(Proxy.newProxyInstance(GuardedJdbc.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> {
                    if (m.getName().equals("unwrap") && a != null && a[0] == type) {
                        return p;
                    }
                    return handler.invoke(p, m, a);
                }));
    }
}

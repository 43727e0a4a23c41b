package dev.pgpart.advise;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * A DataSource lending one connection and never closing it: the pruning analyzer then explains on
 * the advisor's session, where the statements were prepared.
 */
final class OneConnection {
    private OneConnection() {
    }

    static DataSource of(Connection c) {
        ClassLoader loader = OneConnection.class.getClassLoader();
        Connection keepOpen = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                return keepOpen;
            }
            throw new UnsupportedOperationException("DataSource." + method.getName() + " is not lent");
        });
    }
}

package dev.pgpart.guard.hibernate;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;

/**
 * Runs {@link EntityKeyCheck} while the session factory is built, when the setting
 * {@value EntityKeyCheck#SETTING} is {@code warn} or {@code fail} (default {@code off}: on the
 * classpath through {@code META-INF/services}, it does nothing until asked). The catalog is read on
 * a connection of the session factory's own connection provider.
 */
public final class PartitionKeyIntegrator implements Integrator {
    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        Object setting = sessionFactory.getProperties().getOrDefault(EntityKeyCheck.SETTING, "off");
        EntityCheckMode mode = EntityCheckMode.parse(setting.toString());
        if (mode == EntityCheckMode.OFF) {
            return;
        }
        ConnectionProvider connections = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class);
        Connection c;
        try {
            c = connections.getConnection();
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "the partition-key entity check cannot get a connection: "
                    + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]. The session factory was not built; check the"
                    + " connection settings, or set " + EntityKeyCheck.SETTING + "=off to start without the check.", e);
        }
        try {
            EntityKeyCheck.check(metadata, c, mode);
        } finally {
            close(connections, c);
        }
    }

    private static void close(ConnectionProvider connections, Connection c) {
        try {
            connections.closeConnection(c);
        } catch (SQLException e) {
            throw new PgpartException(ErrorCode.DATABASE, "the partition-key entity check could not return its connection: "
                    + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]. The check itself is done; the pool may be"
                    + " short of one connection.", e);
        }
    }
}

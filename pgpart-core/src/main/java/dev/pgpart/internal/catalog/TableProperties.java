package dev.pgpart.internal.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What PostgreSQL does not copy to a new partition by itself, taken from the parent (owner,
 * grants, row level security) and from the newest existing range partition (storage parameters,
 * replica identity), because a partitioned parent cannot hold storage parameters.
 *
 * @param replicaIdentity {@code pg_class.relreplident}: d(efault), n(othing), f(ull), i(ndex)
 */
public record TableProperties(
        String owner,
        List<Grant> grants,
        boolean rowSecurity,
        boolean forceRowSecurity,
        List<PolicyDef> policies,
        char replicaIdentity,
        List<String> templateReloptions) {

    public TableProperties {
        grants = List.copyOf(grants);
        policies = List.copyOf(policies);
        templateReloptions = List.copyOf(templateReloptions);
    }

    public static TableProperties none(String owner) {
        return new TableProperties(owner, List.of(), false, false, List.of(), 'd', List.of());
    }

    /** One privilege from {@code aclexplode(relacl)}; grantee {@code PUBLIC} for the public pseudo-role. */
    public record Grant(String grantee, String privilege, boolean grantable) {
    }

    /**
     * A row level security policy. {@code using}/{@code withCheck} are expressions printed by
     * {@code pg_get_expr}: SQL that came from the catalog, not from user input.
     */
    public record PolicyDef(String name, boolean permissive, String command, List<String> roles,
                            Optional<String> using, Optional<String> withCheck) {
        public PolicyDef {
            roles = List.copyOf(roles);
        }
    }
}

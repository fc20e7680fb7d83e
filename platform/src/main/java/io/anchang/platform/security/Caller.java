package io.anchang.platform.security;

import io.anchang.platform.problem.ProblemException;
import io.anchang.platform.site.Role;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling: the identity provider's user id, a display name, realm roles, and the
 * sites they may act on. Controllers take it as a parameter; it comes from the token.
 */
public record Caller(String userId, String name, Set<Role> roles, SiteScope scope) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The identity of the service itself for background work. */
    public static Caller system(String service) {
        return new Caller("system:" + service, service, Set.of(), SiteScope.system());
    }

    /** Whether any of the caller's roles includes {@code role} (a MANAGER may act as SUPERVISOR and SALES). */
    public boolean has(Role role) {
        return roles.stream().anyMatch(r -> r.includes(role));
    }

    public boolean hasAny(Role... anyOf) {
        return Arrays.stream(anyOf).anyMatch(this::has);
    }

    /** Refuses with 403 unless the caller holds one of these roles and may write {@code site}. */
    public void requireOn(String site, Role... anyOf) {
        scope.requireWrite(site);
        if (!hasAny(anyOf)) {
            String names = Arrays.stream(anyOf).map(r -> r.chinese() + "(" + r.name() + ")").collect(Collectors.joining("、"));
            throw ProblemException.forbidden("role-required",
                    "此操作需要以下角色之一：" + names + " (This needs one of the roles: "
                            + Arrays.stream(anyOf).map(Role::name).collect(Collectors.joining(", ")) + ")");
        }
    }
}

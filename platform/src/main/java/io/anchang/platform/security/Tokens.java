package io.anchang.platform.security;

import io.anchang.platform.site.Role;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the claims of an {@code anchang} realm access token. */
public final class Tokens {

    private Tokens() {
    }

    /** Realm roles ({@code realm_access.roles}) that the rulebook knows; others are ignored. */
    public static Set<Role> roles(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equals(name)) {
                        roles.add(role);
                    }
                }
            }
        }
        return roles;
    }

    /** The {@code sites} claim: a list, or a single string. */
    public static List<String> sites(Jwt jwt) {
        Object sites = jwt.getClaims().get("sites");
        if (sites instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (sites instanceof String value && !value.isBlank()) {
            return List.of(value);
        }
        return List.of();
    }

    public static Caller caller(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        String name = jwt.getClaimAsString("name");
        if (name == null) {
            name = jwt.getClaimAsString("preferred_username");
        }
        return new Caller(jwt.getSubject(), name == null ? jwt.getSubject() : name, roles,
                SiteScope.forCaller(roles, sites(jwt)));
    }
}

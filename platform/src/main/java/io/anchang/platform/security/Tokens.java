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

    /**
     * The caller of a token. The user id is the {@code preferred_username} — unique in the
     * realm, never edited there, and what staff rosters, rotations and claims name — or the
     * subject where a token has none.
     */
    public static Caller caller(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        String username = jwt.getClaimAsString("preferred_username");
        String userId = username == null || username.isBlank() ? jwt.getSubject() : username;
        String name = jwt.getClaimAsString("name");
        return new Caller(userId, name == null || name.isBlank() ? userId : name, roles,
                SiteScope.forCaller(roles, sites(jwt)));
    }
}

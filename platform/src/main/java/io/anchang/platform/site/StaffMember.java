package io.anchang.platform.site;

import java.util.Objects;

/** A member of a site's staff roster: the user id of the identity provider, the name people know, the role. */
public record StaffMember(String userId, String name, Role role, boolean active) {

    public StaffMember {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}

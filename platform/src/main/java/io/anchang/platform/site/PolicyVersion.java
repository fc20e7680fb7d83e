package io.anchang.platform.site;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** Policy settings in force from a day of the site's calendar on, with who changed them and why. */
public record PolicyVersion(LocalDate effectiveFrom, PolicySettings settings, String changedBy, Instant changedAt, String reason) {

    public PolicyVersion {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(settings, "settings");
    }
}

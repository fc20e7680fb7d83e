package io.anchang.reception.domain;

import io.anchang.platform.site.PolicySettings;
import io.anchang.platform.site.Role;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A site with reps A, B, C, D and today's desk, for the rotation's tests. */
final class RotationFixture {

    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    static final PolicySettings DEFAULTS = PolicySettings.defaults();
    static final SiteProfile SITE = new SiteProfile("SH01", "滨江壹号", "Asia/Shanghai", 1, List.of(
            new StaffMember("A", "张伟", Role.SALES, true), new StaffMember("B", "李娜", Role.SALES, true),
            new StaffMember("C", "刘洋", Role.SALES, true), new StaffMember("D", "王芳", Role.SALES, true),
            new StaffMember("F", "赵会计", Role.FINANCE, true)), List.of());

    private RotationFixture() {
    }

    static Rotation rotation(String... reps) {
        return Rotation.set(SITE, DAY, List.of(reps), "MGR", null);
    }

    /** A new customer handed out by the rotation: hold the rep it gives, serve on their turn. */
    static Rotation walkIn(Rotation desk, String visitId) {
        Rotation.Outcome<Rotation.Rep> held = desk.hold(visitId);
        if (held.result() == null) {
            return held.rotation().enqueue(new Rotation.Waiting(visitId, "138****0000", NOW, null, true));
        }
        return held.rotation().serve(visitId, held.result().userId(), true, "138****0000", NOW, DEFAULTS);
    }

    static List<String> order(Rotation desk) {
        return desk.order().stream().map(Rotation.Rep::userId).toList();
    }
}

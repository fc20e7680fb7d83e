package io.anchang.reception.adapter.mongo;

import io.anchang.platform.site.PolicyVersion;
import io.anchang.platform.site.SiteProfile;
import io.anchang.platform.site.StaffMember;
import org.springframework.data.annotation.Id;

import java.util.List;

/** A site as stored: the profile's fields, {@code siteId} = code, and the revision as version. */
record SiteDocument(@Id String id, String siteId, String name, String timeZone, long revision,
                    List<StaffMember> staff, List<PolicyVersion> policies) {

    static final String COLLECTION = "sites";

    static SiteDocument of(SiteProfile profile) {
        return new SiteDocument(profile.code(), profile.code(), profile.name(), profile.timeZone(), profile.revision(),
                profile.staff(), profile.policies());
    }

    SiteProfile profile() {
        return new SiteProfile(id, name, timeZone, revision, staff == null ? List.of() : staff,
                policies == null ? List.of() : policies);
    }
}

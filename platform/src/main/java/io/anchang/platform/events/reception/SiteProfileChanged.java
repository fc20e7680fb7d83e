package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;
import io.anchang.platform.site.SiteProfile;

/**
 * A site was registered or its name, time zone, staff roster or policy settings changed.
 * It carries the whole profile at its new revision, so that every service's local copy
 * is one conditional upsert away from current, whatever it missed.
 *
 * @param change what changed: REGISTERED, RENAMED, STAFF, POLICY
 */
@EventContract(type = "reception.site-profile-changed", version = 1, topic = Topics.RECEPTION)
public record SiteProfileChanged(SiteProfile site, String change) {
}

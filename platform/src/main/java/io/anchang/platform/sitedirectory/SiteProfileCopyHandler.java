package io.anchang.platform.sitedirectory;

import io.anchang.platform.events.EventEnvelope;
import io.anchang.platform.events.reception.SiteProfileChanged;
import io.anchang.platform.messaging.TypedEventHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the local site directory current from reception-service's events. */
public final class SiteProfileCopyHandler extends TypedEventHandler<SiteProfileChanged> {

    private final LocalSiteDirectory directory;

    public SiteProfileCopyHandler(LocalSiteDirectory directory, JsonMapper mapper) {
        super(SiteProfileChanged.class, mapper);
        this.directory = directory;
    }

    @Override
    public String name() {
        return "site-directory-copy";
    }

    @Override
    protected Mono<Void> handle(EventEnvelope envelope, SiteProfileChanged payload) {
        return directory.keep(payload.site());
    }
}

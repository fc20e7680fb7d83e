package io.anchang.customer.application;

import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Flux;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The site's customers as a list shows them — what a search filters on — read in one pass (records merged away left out). */
public interface ArchiveListing {

    /** A customer as listed; {@code phones} whole (E.164): this service masks them before they leave it (R-SEC-3). */
    record Listed(String customerId, String archiveNo, String name, List<String> phones, String source, Instant registeredAt,
                  String owner) {
    }

    Flux<Listed> of(SiteScope scope, String site);

    /** Those of {@code customerIds} still in the archive (records merged away left out). */
    Flux<Listed> of(SiteScope scope, String site, Collection<String> customerIds);
}

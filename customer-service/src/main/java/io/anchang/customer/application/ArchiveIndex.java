package io.anchang.customer.application;

import io.anchang.customer.domain.imports.ImportRows;
import io.anchang.platform.security.SiteScope;
import reactor.core.publisher.Mono;

import java.util.Map;

/** What an import checks its rows against: every phone and archive number of the site's archive, read in one pass. */
public interface ArchiveIndex {

    /**
     * @param byPhone the record standing on its own that each phone (E.164) identifies
     * @param numbers every archive number of the site (tombstones' too) with its customer's id
     */
    record Snapshot(Map<String, ImportRows.Known> byPhone, Map<String, String> numbers) {
    }

    Mono<Snapshot> of(SiteScope scope, String site);
}

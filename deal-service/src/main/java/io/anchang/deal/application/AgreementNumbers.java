package io.anchang.deal.application;

import reactor.core.publisher.Mono;

/**
 * The register of subscription agreement numbers, one sequence per site and year of the site's
 * calendar (RG-SH01-2026-000001), gap-free like receipt numbers (R-FIN-1, R-DEAL-4): a number
 * is taken only by the agreement it is written for, and only once that agreement exists.
 */
public interface AgreementNumbers {

    /**
     * The number of the agreement {@code agreementKey} (its deal and big deposit): the next free
     * number of the site's year, claimed for that agreement; the same key again answers the number
     * it claimed before. Of concurrent claims each gets its own number, none skipped.
     */
    Mono<String> claim(String site, int year, String agreementKey, String unitId);
}

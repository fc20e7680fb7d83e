package io.anchang.deal.application;

import reactor.core.publisher.Mono;

/**
 * Numbers of subscription agreements, one sequence per site and year. Unique; unlike receipt
 * numbers (R-FIN-1) they need not be gap-free: a number taken by a confirmation that is then
 * retried is not reused.
 */
public interface AgreementNumbers {

    Mono<String> next(String site, int year);
}

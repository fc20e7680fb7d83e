/**
 * deal-service owns the buildings and units (销控), holds, discounts, small and big deposits,
 * subscription agreements, contracts and their payment terms, unit and name changes, refunds
 * and breach cases: the deal rules R-DEAL.
 */
package io.anchang.deal;

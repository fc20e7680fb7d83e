/**
 * finance-service owns the finance desk: the queue of payment requests, payments, receipts
 * with gap-free numbers, voids, fees, refunds paid, what is due and overdue, reminder notices,
 * mortgage progress, the day close and the daily cash report: the finance rules R-FIN.
 */
package io.anchang.finance;

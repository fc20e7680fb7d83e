package io.anchang.platform.events.reception;

import io.anchang.platform.events.EventContract;
import io.anchang.platform.events.Topics;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 客户离开/未接待: a customer waiting in the desk's queue (R-REC-9) left without being served. The
 * visitor register keeps the entry, marked as left (R-REC-3); reports count it with the time waited.
 *
 * @param customerId    the customer, if customer-service had answered; null while attribution is pending
 * @param preferredRep  the owner or named rep the customer waited for, if any
 * @param arrivedAt     when the customer was registered at the desk
 * @param waitedSeconds how long the customer waited in the queue before leaving
 * @param recordedBy    the desk user who recorded it
 */
@EventContract(type = "reception.customer-left", version = 1, topic = Topics.RECEPTION)
public record CustomerLeft(String visitId, String siteId, LocalDate day, String customerId, String phoneMasked,
                           String preferredRep, Instant arrivedAt, Instant leftAt, long waitedSeconds, String recordedBy,
                           String note) {
}

/**
 * customer-service owns the customers (archive number, phone identity, class), their claims
 * and shares, households, referrals, tracking forms, care, complaints, surveys, disputes and
 * reassignment draws: the attribution and customer rules R-ATT and R-CUS.
 */
package io.anchang.customer;

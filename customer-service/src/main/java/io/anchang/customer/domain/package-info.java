/**
 * Who a customer belongs to, in plain Java: customers identified by phone, claims and their
 * protection (R-ATT-1, R-ATT-2), the attribution decision table over R-ATT-3..14 with the site's
 * settings (section P), the credit and bonus shares valid at any moment (R-ATT-17), complaints,
 * disputes and redistribution draws.
 */
package io.anchang.customer.domain;

/** The MANAGER's call lists (R-OPS-4): whom to call today to invite, to come and sign, to pay. */
package io.anchang.customer.domain.calls;

/** The customer's card (R-CUS-1, 2, 4, 6, 7): intent class, status along the policy's steps, the rep's notebook, the deals made. */
package io.anchang.customer.domain.card;

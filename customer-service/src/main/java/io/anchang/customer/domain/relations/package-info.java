/** Keeping customers and owners close (制度2 二5-9, 三): complaints and suggestions, satisfaction surveys, tours, owner events and news, referrals. */
package io.anchang.customer.domain.relations;

/** What deal-service hears: customers and their owners, the finance desk's confirmations, the credit of a deal. */
package io.anchang.deal.adapter.kafka;

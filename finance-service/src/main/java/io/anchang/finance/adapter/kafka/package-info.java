/** What the finance desk hears from deal-service: deposits requested, holds released, deposits rejected. */
package io.anchang.finance.adapter.kafka;

/** The HTTP API of sales control and deals under {@code /api/deals}. */
package io.anchang.deal.adapter.web;

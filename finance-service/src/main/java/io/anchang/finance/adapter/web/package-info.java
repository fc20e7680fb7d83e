/** The finance desk's HTTP API under {@code /api/finance}. */
package io.anchang.finance.adapter.web;

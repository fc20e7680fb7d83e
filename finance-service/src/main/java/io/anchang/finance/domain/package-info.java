/** The finance desk's rules (R-FIN) in plain Java: the deposit queue, receipts, refunds due. */
package io.anchang.finance.domain;

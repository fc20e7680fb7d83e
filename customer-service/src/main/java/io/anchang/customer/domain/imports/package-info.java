/** Importing an office's existing customers (R-CUS-2, R-CUS-3): every row checked, all or nothing, the same file twice changes nothing. */
package io.anchang.customer.domain.imports;

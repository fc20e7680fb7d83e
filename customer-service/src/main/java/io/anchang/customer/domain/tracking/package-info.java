/** The tracking form's questions (R-CUS-5): a customer's objection, or a question a rep cannot answer, taken to the MANAGER. */
package io.anchang.customer.domain.tracking;

/** Care of customers and owners (R-CUS-8): their profile, the birthdays the family keeps, solar or lunar, and the festivals to greet them on. */
package io.anchang.customer.domain.care;

/** Personal data (R-CUS-13): the customer's consent to keep their data and to be contacted, and their ID card number, checked and masked. */
package io.anchang.customer.domain.privacy;

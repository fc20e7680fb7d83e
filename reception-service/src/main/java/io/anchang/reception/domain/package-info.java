/** The front desk's rules in plain Java: sites and their staff and settings, the day's rotation. */
package io.anchang.reception.domain;

/**
 * reception-service owns the site directory (sites, time zone, staff, policy settings)
 * and the front desk: the rotation of reps on duty, and later the visitor and call
 * registers, the waiting queue, violations and each user's inbox.
 */
package io.anchang.reception;

/**
 * The local copy of the site directory that every service but its owner keeps, from
 * reception-service's {@code reception.site-profile-changed} events.
 */
package io.anchang.platform.sitedirectory;

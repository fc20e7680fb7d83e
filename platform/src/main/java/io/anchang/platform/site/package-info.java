/**
 * What every service knows of a site the same way: its code, time zone, staff and the
 * effective-dated policy settings of RULES.md section P. Plain Java, shared by the
 * site-directory events and by the domains that apply the settings.
 */
package io.anchang.platform.site;

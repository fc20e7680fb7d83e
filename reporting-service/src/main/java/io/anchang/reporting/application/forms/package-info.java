/**
 * The policy's forms (R-RPT-1..7) read from the sheets and registers: who may read which, the
 * periods of the site's calendar, and the tables each form shows.
 */
package io.anchang.reporting.application.forms;

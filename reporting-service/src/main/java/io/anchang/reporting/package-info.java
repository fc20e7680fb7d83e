/**
 * reporting-service owns the read models, built only from other services' events, from which
 * every report of a site and of head office is read and exported to Excel and CSV: the report
 * rules R-RPT.
 */
package io.anchang.reporting;

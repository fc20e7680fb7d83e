/**
 * A report as the forms of the policy lay it out: titled tables of typed columns (text,
 * counts, money, percentages, dates), the same for the screens (JSON), Excel and CSV.
 */
package io.anchang.reporting.domain.report;

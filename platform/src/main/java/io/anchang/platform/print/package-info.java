/**
 * Printing what the desks hand out — receipts, subscription agreements — as PDF with the
 * CJK font the project ships (WenQuanYi Micro Hei, Apache-2.0, {@code fonts/}), embedded
 * as a subset, so any reader shows and extracts the Chinese text. Needs PDFBox on the
 * class path (the services that print depend on it).
 */
package io.anchang.platform.print;

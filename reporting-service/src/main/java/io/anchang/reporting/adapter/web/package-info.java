/** The HTTP API of the reports. */
package io.anchang.reporting.adapter.web;

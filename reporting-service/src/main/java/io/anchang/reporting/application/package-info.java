/** Use cases that keep the read models from events and read them for the reports; ports to the store. */
package io.anchang.reporting.application;

/** What the reports are read from, in plain Java: views of other services' facts, such as a day's rotation. */
package io.anchang.reporting.domain;

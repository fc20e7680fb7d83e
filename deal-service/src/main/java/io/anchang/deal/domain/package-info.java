/** The rules of units and deals (R-DEAL) in plain Java: a unit's status and what may change it. */
package io.anchang.deal.domain;

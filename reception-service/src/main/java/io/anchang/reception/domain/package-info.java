/**
 * The front desk's rules in plain Java: sites and their staff and settings; the day's rotation
 * with presence, owed turns, the waiting queue and event mode (R-REC-1, 2, 8, 9); the visitor
 * and call registers (R-REC-3); violations and their penalties (R-REC-4); inbox messages.
 */
package io.anchang.reception.domain;

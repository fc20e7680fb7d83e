/** The HTTP API of the site directory and the front desk. */
package io.anchang.reception.adapter.web;

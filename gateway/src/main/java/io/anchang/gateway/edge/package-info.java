/** What the gateway never routes: the services' endpoints for one another. */
package io.anchang.gateway.edge;

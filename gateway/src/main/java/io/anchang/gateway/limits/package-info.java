/** What one user may ask of the services: requests per period and open event streams, in memory, per token subject. */
package io.anchang.gateway.limits;

/** What the web application's shell needs from the gateway besides its files: where to sign in. */
package io.anchang.gateway.web;

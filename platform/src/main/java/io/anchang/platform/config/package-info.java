/** Auto-configuration: what a service gets by depending on the platform. */
package io.anchang.platform.config;

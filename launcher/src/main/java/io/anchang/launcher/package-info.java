/** The launcher: the office on one machine, each part a process of its own, started in order and watched until healthy. */
package io.anchang.launcher;

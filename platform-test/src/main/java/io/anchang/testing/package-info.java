/** Test infrastructure shared by every module: real servers on free ports, never mocks of our own infrastructure. */
package io.anchang.testing;

package io.anchang.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports of the stack's HTTP parts (their own ports, or their management ports). */
public record Ports(int gateway, int reception, int customer, int deal, int finance, int reporting) {

    /** The ports the README lists. */
    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 8084, 8085);
    }

    /** The management ports the README lists: health, metrics, API documents; the gateway routes none of them. */
    public static Ports managementDefaults() {
        return new Ports(9080, 9081, 9082, 9083, 9084, 9085);
    }

    /** Free ports, for a stack started by a test beside another. */
    public static Ports free() {
        return new Ports(free(0), free(0), free(0), free(0), free(0), free(0));
    }

    static int free(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Whether something already listens on {@code port} (so the stack must not start there). */
    static boolean taken(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}

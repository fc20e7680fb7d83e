package io.anchang.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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

    /**
     * Where free ports are looked for: below the kernel's range for outgoing connections (Linux: 32768–60999), so that no
     * client's connection takes a port between the moment it is chosen and the moment its part binds it — or between a
     * part's stop and its restart on the same port.
     */
    static final int FIRST = 20_000;
    static final int LAST = 32_000;

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /** {@code preferred} if not 0; else a port free now, outside the outgoing range, never handed out before by this JVM. */
    static synchronized int free(int preferred) {
        if (preferred != 0) {
            return bind(preferred);
        }
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            if (!HANDED_OUT.contains(port) && !taken(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        int port = bind(0);
        HANDED_OUT.add(port);
        return port;
    }

    private static int bind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
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

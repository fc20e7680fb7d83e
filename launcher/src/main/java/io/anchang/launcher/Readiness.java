package io.anchang.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Waits for a part of the stack to answer; fails fast, with its log, when its process died. */
final class Readiness {

    private Readiness() {
    }

    static void awaitPort(String what, ManagedProcess process, int port, Duration timeout) {
        await(what, process, timeout, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    static void awaitHttp(String what, ManagedProcess process, String url, Predicate<HttpResponse<String>> ready, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await(what, process, timeout, () -> {
            try {
                return ready.test(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The part's process died before it answered (as opposed to one that lives on without answering). */
    static final class StoppedWhileStarting extends IllegalStateException {

        StoppedWhileStarting(String message) {
            super(message);
        }
    }

    interface Check {
        boolean ready();
    }

    private static void await(String what, ManagedProcess process, Duration timeout, Check check) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new StoppedWhileStarting(what + " stopped while starting; its log (" + process.log() + ") ends:\n" + process.tail(30));
            }
            if (check.ready()) {
                return;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(what + " did not answer within " + timeout.toSeconds() + " s"
                + (process == null ? "" : "; its log (" + process.log() + ") ends:\n" + process.tail(30)));
    }
}

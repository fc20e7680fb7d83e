package io.anchang.launcher;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo data's client on an office that sheds load while it warms up. */
class ApiTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private Api serving(int... statuses) throws IOException {
        Deque<Integer> answers = new ArrayDeque<>();
        for (int status : statuses) {
            answers.add(status);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            int status = answers.size() > 1 ? answers.poll() : answers.peek();
            byte[] body = "{}".getBytes();
            exchange.getResponseHeaders().add("Retry-After", "1");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new Api("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aSheddingOfficeIsAskedAgainAndItsAnswerKept() throws IOException {
        Api api = serving(503, 504, 201);
        Api.Answer answer = api.send("t", "POST", "/api/reception/sites", Map.of("code", "SH01"), Set.of(201, 409));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(requests).hasValue(3);
    }

    @Test
    void aPostThatMayHaveRunIsNotSentTwice() throws IOException {
        Api api = serving(504, 201);
        assertThatThrownBy(() -> api.send("t", "POST", "/api/deals/holds", Map.of(), Set.of(201)))
                .hasMessageContaining("answered 504");
        assertThat(requests).as("a 504 on a POST whose repeat is not harmless").hasValue(1);
    }

    @Test
    void aRefusalIsAnErrorAtOnce() throws IOException {
        Api api = serving(400);
        assertThatThrownBy(() -> api.send("t", "PUT", "/api/reception/sites/SH01/staff", Map.of(), Set.of(200)))
                .hasMessageContaining("answered 400");
        assertThat(requests).hasValue(1);
    }
}

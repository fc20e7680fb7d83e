package io.anchang.platform.web;

import io.anchang.platform.testapp.TestApp;
import io.anchang.testing.Infrastructure;
import io.anchang.testing.TestIssuer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the security firewall turns away (an encoded slash, a {@code ..} segment, an encoded backslash or
 * control character) gets a problem detail saying why, not a bare 400 with an empty body, and nothing behind the
 * firewall runs.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RejectedRequestsIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, "platform-rejected-it");
    }

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/api/test/sites/SH01/orders/a%2Fb", "/api/test/sites/SH01/orders/a%2F..%2Fb",
            "/api/test/sites/SH01/orders/a%5Cb", "/api/test/sites/SH01/orders/a%0Ab", "/api/test/sites/SH01/./orders/x"})
    @DisplayName("issue 9: an address the firewall turns away is answered 400 with a problem detail naming what is not allowed")
    void aRejectedAddressGetsAProblemDetail(String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TestIssuer.shared().token("SH01-rep1", "SALES", "SH01")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"type\":\"urn:anchang:problem:request-rejected\"").contains("不允许的字符");
    }
}

package io.anchang.deal;

import io.anchang.testing.Infrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One running deal-service for every integration test of the module (one Spring context, one database). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class DealIntegrationBase {

    static final String DATABASE = "deal-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
    }

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    DealFixture fixture() {
        return new DealFixture(web, DATABASE);
    }
}

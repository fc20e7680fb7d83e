package io.anchang.customer;

import io.anchang.testing.Infrastructure;
import io.anchang.testing.ServiceBaseline;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What customer-service does before its own features: the local site directory, token and site checks, probes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CustomerServiceIntegrationTest implements ServiceBaseline {

    static final String DATABASE = "customer-it";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure.register(registry, DATABASE);
    }

    @Autowired
    WebTestClient web;

    @Override
    public WebTestClient web() {
        return web;
    }

    @Override
    public String basePath() {
        return "/api/customers";
    }

    @Override
    public String database() {
        return DATABASE;
    }
}

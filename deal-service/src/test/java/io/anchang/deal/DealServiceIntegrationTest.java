package io.anchang.deal;

import io.anchang.testing.ServiceBaseline;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What deal-service does before its own features: the local site directory, token and site checks, probes. */
class DealServiceIntegrationTest extends DealIntegrationBase implements ServiceBaseline {

    @Override
    public WebTestClient web() {
        return web;
    }

    @Override
    public String basePath() {
        return "/api/deals";
    }

    @Override
    public String database() {
        return DATABASE;
    }
}

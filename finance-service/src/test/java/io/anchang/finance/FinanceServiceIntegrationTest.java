package io.anchang.finance;

import io.anchang.testing.ServiceBaseline;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What finance-service does before its own features: the local site directory, token and site checks, probes. */
class FinanceServiceIntegrationTest extends FinanceIntegrationBase implements ServiceBaseline {

    @Override
    public WebTestClient web() {
        return web;
    }

    @Override
    public String basePath() {
        return "/api/finance";
    }

    @Override
    public String database() {
        return DATABASE;
    }
}

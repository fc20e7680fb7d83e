package io.anchang.deal;

import io.anchang.deal.adapter.web.PriceListReader;
import io.anchang.testing.Infrastructure;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;

/**
 * One running deal-service for every integration test of the module (one Spring context, one database),
 * on a {@link TestClock} that a test may move (and that is put back after each test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(DealIntegrationBase.Clocks.class)
abstract class DealIntegrationBase {

    static final TestClock CLOCK = new TestClock();
    /** The price lists' parsing threads as deal-service has them (2 threads, 8 waiting), here for a test to fill. */
    static final Scheduler PRICE_LIST_PARSING = Schedulers.newBoundedElastic(2, 8, "price-list-it");

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }

        @Bean(destroyMethod = "")
        @Primary
        PriceListReader testPriceListReader() {
            return new PriceListReader(PRICE_LIST_PARSING);
        }
    }

    @AfterEach
    void clockBack() {
        CLOCK.reset();
    }

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

package io.anchang.customer.config;

import io.anchang.customer.adapter.kafka.DealCreditHandlers;
import io.anchang.customer.application.Customers;
import io.anchang.customer.application.SettlingDealCredit;
import io.anchang.platform.messaging.EventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** R-ATT-17: a deal's shares made final at the contract, reversed on a refund or a cancellation for breach. */
@Configuration(proxyBeanMethods = false)
public class DealCreditConfiguration {

    @Bean
    SettlingDealCredit settlingDealCredit(Customers customers) {
        return new SettlingDealCredit(customers);
    }

    @Bean
    EventHandler dealContractSignedHandler(SettlingDealCredit settling, JsonMapper mapper) {
        return DealCreditHandlers.contractSigned(settling, mapper);
    }

    @Bean
    EventHandler dealRefundedHandler(SettlingDealCredit settling, JsonMapper mapper) {
        return DealCreditHandlers.refunded(settling, mapper);
    }

    @Bean
    EventHandler dealBreachRuledHandler(SettlingDealCredit settling, JsonMapper mapper) {
        return DealCreditHandlers.breachRuled(settling, mapper);
    }
}

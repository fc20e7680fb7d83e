package io.anchang.deal;

import io.anchang.customer.CustomerServiceApplication;
import io.anchang.testing.FreePorts;
import io.anchang.testing.SharedKafka;
import io.anchang.testing.SharedMongo;
import io.anchang.testing.TestIssuer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * customer-service as it runs in the office — its own Spring context, its own database, the
 * same Kafka broker and token issuer — beside deal-service in this test JVM, on a port of
 * its own, started and stopped by the test (R-ATT-17 end to end: the shares a real deal takes).
 */
final class CustomerServiceBeside implements AutoCloseable {

    private static CustomerServiceBeside shared;

    private final int port;
    private final String database;
    private ConfigurableApplicationContext context;

    CustomerServiceBeside(int port, String database) {
        this.port = port;
        this.database = database;
    }

    /** One customer-service for the deal tests that need one answering, started on first use. */
    static synchronized CustomerServiceBeside shared() {
        if (shared == null) {
            shared = new CustomerServiceBeside(FreePorts.next(), "customer-beside-deal-it").start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "customer-beside-stop"));
        }
        return shared;
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    synchronized CustomerServiceBeside start() {
        if (context != null) {
            return this;
        }
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.name=customer-service-beside",
                "--spring.application.name=customer-service",
                "--server.port=" + port,
                "--spring.mongodb.uri=" + SharedMongo.uri(database),
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--anchang.api.base-path=/api/customers",
                "--anchang.kafka.produces=anchang.customer.v1",
                "--anchang.kafka.consumer-group=" + database,
                "--anchang.outbox.collections=customers,draws",
                "--anchang.outbox.sweep-interval=500ms",
                "--anchang.site-directory.local-copy=true",
                "--management.endpoint.health.group.readiness.include=readinessState,mongo",
                "--spring.main.banner-mode=off"));
        TestIssuer.shared().properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        context = new SpringApplicationBuilder(CustomerServiceApplication.class).run(args.toArray(String[]::new));
        return this;
    }

    synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}

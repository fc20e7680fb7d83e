package io.anchang.reception.config;

import io.anchang.platform.messaging.EventHandler;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.AccessRules;
import io.anchang.platform.site.Role;
import io.anchang.reception.adapter.client.HttpCustomerDirectory;
import io.anchang.reception.adapter.client.ServiceTokens;
import io.anchang.reception.adapter.kafka.CustomerEventHandlers;
import io.anchang.reception.adapter.kafka.DeskEventHandlers;
import io.anchang.reception.adapter.mongo.MongoInbox;
import io.anchang.reception.adapter.mongo.MongoIncidents;
import io.anchang.reception.adapter.mongo.MongoMarketNotes;
import io.anchang.reception.adapter.mongo.MongoMeetings;
import io.anchang.reception.adapter.mongo.MongoPlans;
import io.anchang.reception.adapter.mongo.MongoRotations;
import io.anchang.reception.adapter.mongo.MongoSites;
import io.anchang.reception.adapter.mongo.MongoViolations;
import io.anchang.reception.adapter.mongo.MongoVisits;
import io.anchang.reception.application.CustomerDirectory;
import io.anchang.reception.application.DeskChanges;
import io.anchang.reception.application.HandingInPlans;
import io.anchang.reception.application.Incidents;
import io.anchang.reception.application.MarketNotes;
import io.anchang.reception.application.Meetings;
import io.anchang.reception.application.Plans;
import io.anchang.reception.application.RecordingIncidents;
import io.anchang.reception.application.RecordingMeetings;
import io.anchang.reception.application.SharingMarketNotes;
import io.anchang.reception.application.Inbox;
import io.anchang.reception.application.Informing;
import io.anchang.reception.application.ManagingSites;
import io.anchang.reception.application.ReceivingVisitors;
import io.anchang.reception.application.RememberedSites;
import io.anchang.reception.application.Reconciling;
import io.anchang.reception.application.RecoveringWalkIns;
import io.anchang.reception.application.RecordingViolations;
import io.anchang.reception.application.Rotations;
import io.anchang.reception.application.SettingRotation;
import io.anchang.reception.application.Sites;
import io.anchang.reception.application.Violations;
import io.anchang.reception.application.Visits;
import io.anchang.reception.application.WorkingTheDesk;
import io.netty.channel.ChannelOption;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ReceptionConfiguration.CustomerServiceProperties.class, ReceptionConfiguration.RecoveryProperties.class,
        ReceptionConfiguration.ServiceClientProperties.class})
public class ReceptionConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReceptionConfiguration.class);

    /**
     * R-SEC-1: reception-service's own Keycloak client, whose token (client-credentials grant) is the only one
     * customer-service answers flow 1's question to.
     *
     * @param clientId     {@code ANCHANG_SERVICE_CLIENT_ID}
     * @param clientSecret {@code ANCHANG_SERVICE_CLIENT_SECRET}, never in the repository
     * @param tokenUri     {@code ANCHANG_TOKEN_URI}, the realm's token endpoint
     */
    @ConfigurationProperties("anchang.service-client")
    public record ServiceClientProperties(String clientId, String clientSecret, String tokenUri) {
    }

    /**
     * Where customer-service answers flow 1's question, and how long the desk waits for it.
     *
     * @param uri           its base URL ({@code CUSTOMER_URI})
     * @param timeout       the time limit of one call (one question, or a batch of them)
     * @param minimumCalls  questions the breaker sees before it may open
     * @param openFor       how long the open breaker sends visits straight to degraded mode
     * @param maxInFlight   calls with customer-service at once; each carries the questions of one site waiting then (issue 17)
     * @param maxBatch      the most questions in one call (at most {@link io.anchang.platform.api.attribution.AttributionBatch#MOST})
     * @param maxBatchBytes the most bytes of questions in one call, under customer-service's limit of a request body
     * @param maxWaiting    walk-ins and calls waiting for customer-service at once; one more is refused with 503 before
     *                      anything is written
     */
    @ConfigurationProperties("anchang.customer")
    public record CustomerServiceProperties(String uri, Duration timeout, int minimumCalls, Duration openFor, int maxInFlight,
                                            int maxBatch, int maxBatchBytes, int maxWaiting) {

        public CustomerServiceProperties {
            uri = uri == null || uri.isBlank() ? "http://127.0.0.1:8082" : uri;
            timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
            minimumCalls = minimumCalls <= 0 ? 10 : minimumCalls;
            openFor = openFor == null ? Duration.ofSeconds(10) : openFor;
            maxInFlight = maxInFlight <= 0 ? 2 : maxInFlight;
            maxBatch = maxBatch <= 0 ? io.anchang.platform.api.attribution.AttributionBatch.MOST : maxBatch;
            maxBatchBytes = maxBatchBytes <= 0 ? 128 * 1024 : maxBatchBytes;
            maxWaiting = maxWaiting <= 0 ? 400 : maxWaiting;
        }
    }

    /**
     * Recovering registrations left half-done ({@link RecoveringWalkIns}); how often it looks is
     * {@code anchang.reception.recovery.every} (default 15 s, see {@link WalkInRecoverySchedule}).
     *
     * @param grace how long an entry may stay RECEIVING before it counts as abandoned: well above what flow 1 takes
     *              (customer-service's time limit plus the desk's writes — seconds)
     */
    @ConfigurationProperties("anchang.reception.recovery")
    public record RecoveryProperties(Duration grace) {

        public RecoveryProperties {
            grace = grace == null ? Duration.ofSeconds(30) : grace;
        }
    }

    /** Registering a site names no site yet: only an ADMIN may, whatever the body says. */
    @Bean
    AccessRules receptionAccessRules() {
        return exchanges -> exchanges.pathMatchers(HttpMethod.POST, "/api/reception/sites").hasRole(Role.ADMIN.name());
    }

    @Bean
    Sites sites(ScopedMongo mongo) {
        return new MongoSites(mongo);
    }

    @Bean
    Rotations rotations(ScopedMongo mongo) {
        return new MongoRotations(mongo);
    }

    @Bean
    Visits visits(ScopedMongo mongo) {
        return new MongoVisits(mongo);
    }

    @Bean
    Violations violations(ScopedMongo mongo) {
        return new MongoViolations(mongo);
    }

    @Bean
    Inbox inbox(ScopedMongo mongo) {
        return new MongoInbox(mongo);
    }

    @Bean
    DeskChanges deskChanges(Rotations rotations) {
        return new DeskChanges(rotations);
    }

    @Bean
    ServiceTokens serviceTokens(ServiceClientProperties client, CustomerServiceProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(properties.timeout().toMillis(), 2_000))
                .responseTimeout(properties.timeout());
        ServiceTokens tokens = new ServiceTokens(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build(),
                client.tokenUri(), client.clientId(), client.clientSecret(), properties.timeout());
        if (!tokens.configured()) {
            log.error("reception-service has no client of its own (ANCHANG_SERVICE_CLIENT_ID, ANCHANG_SERVICE_CLIENT_SECRET, "
                    + "ANCHANG_TOKEN_URI): customer-service will not answer it, and every walk-in is registered attribution-pending");
        }
        return tokens;
    }

    @Bean
    CustomerDirectory customerDirectory(CustomerServiceProperties properties, ServiceTokens tokens, JsonMapper mapper) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(properties.timeout().toMillis(), 2_000))
                .responseTimeout(properties.timeout());
        WebClient web = WebClient.builder()
                .baseUrl(properties.uri())
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> {
                    codecs.defaultCodecs().maxInMemorySize(2 * 1024 * 1024);
                    codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper));
                    codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(mapper));
                })
                .build();
        return new HttpCustomerDirectory(web, tokens, HttpCustomerDirectory.breaker("customer-service", properties.minimumCalls(),
                properties.openFor()), mapper, new HttpCustomerDirectory.Limits(properties.timeout(), properties.maxInFlight(),
                properties.maxBatch(), properties.maxBatchBytes(), properties.maxWaiting()));
    }

    @Bean
    ManagingSites managingSites(Sites sites, Clock clock) {
        return new ManagingSites(sites, clock);
    }

    @Bean
    SettingRotation settingRotation(Sites sites, DeskChanges desks, Clock clock) {
        return new SettingRotation(sites, desks, clock);
    }

    @Bean
    WorkingTheDesk workingTheDesk(Sites sites, Visits visits, DeskChanges desks, Clock clock) {
        return new WorkingTheDesk(sites, visits, desks, clock);
    }

    @Bean
    ReceivingVisitors receivingVisitors(Sites sites, Visits visits, DeskChanges desks, CustomerDirectory customers, Clock clock,
                                        RecoveryProperties recovery) {
        return new ReceivingVisitors(new RememberedSites(sites), visits, desks, customers, clock, recovery.grace());
    }

    @Bean
    RecoveringWalkIns recoveringWalkIns(Sites sites, Visits visits, DeskChanges desks, Clock clock,
                                        RecoveryProperties properties) {
        return new RecoveringWalkIns(sites, visits, desks, clock, properties.grace());
    }

    @Bean
    WalkInRecoverySchedule walkInRecovery(RecoveringWalkIns recovering) {
        return new WalkInRecoverySchedule(recovering);
    }

    @Bean
    Reconciling reconciling(Visits visits, DeskChanges desks, CustomerDirectory customers) {
        return new Reconciling(visits, desks, customers);
    }

    @Bean
    ReconcilingSchedule reconcilingSchedule(Reconciling reconciling) {
        return new ReconcilingSchedule(reconciling);
    }

    @Bean
    EventHandler pendingVisitAsked(Reconciling reconciling, JsonMapper mapper) {
        return DeskEventHandlers.pendingVisit(reconciling, mapper);
    }

    @Bean
    EventHandler pendingCallAsked(Reconciling reconciling, JsonMapper mapper) {
        return DeskEventHandlers.pendingCall(reconciling, mapper);
    }

    @Bean
    RecordingViolations recordingViolations(Sites sites, Violations violations, Clock clock) {
        return new RecordingViolations(sites, violations, clock);
    }

    @Bean
    Informing informing(Sites sites, Inbox inbox) {
        return new Informing(sites, inbox);
    }

    @Bean
    EventHandler reconciler(Reconciling reconciling, JsonMapper mapper) {
        return CustomerEventHandlers.reconciler(reconciling, mapper);
    }

    @Bean
    EventHandler helperServedInbox(Informing informing, JsonMapper mapper) {
        return CustomerEventHandlers.helperServed(informing, mapper);
    }

    @Bean
    EventHandler complaintLodgedInbox(Informing informing, JsonMapper mapper) {
        return CustomerEventHandlers.complaintLodged(informing, mapper);
    }

    @Bean
    EventHandler complaintVerifiedInbox(Informing informing, JsonMapper mapper) {
        return CustomerEventHandlers.complaintVerified(informing, mapper);
    }

    @Bean
    EventHandler redistributedInbox(Informing informing, JsonMapper mapper) {
        return CustomerEventHandlers.redistributed(informing, mapper);
    }

    @Bean
    EventHandler disputeRuledInbox(Informing informing, JsonMapper mapper) {
        return CustomerEventHandlers.disputeRuled(informing, mapper);
    }

    // ------------------------------------------------------------ site operations (R-OPS-1, 2, 3, 5)

    @Bean
    Meetings meetings(ScopedMongo mongo) {
        return new MongoMeetings(mongo);
    }

    @Bean
    Plans plans(ScopedMongo mongo) {
        return new MongoPlans(mongo);
    }

    @Bean
    Incidents incidents(ScopedMongo mongo) {
        return new MongoIncidents(mongo);
    }

    @Bean
    MarketNotes marketNotes(ScopedMongo mongo) {
        return new MongoMarketNotes(mongo);
    }

    @Bean
    RecordingMeetings recordingMeetings(Sites sites, Meetings meetings, Clock clock) {
        return new RecordingMeetings(sites, meetings, clock);
    }

    @Bean
    HandingInPlans handingInPlans(Sites sites, Plans plans, Clock clock) {
        return new HandingInPlans(sites, plans, clock);
    }

    @Bean
    RecordingIncidents recordingIncidents(Sites sites, Incidents incidents, Clock clock) {
        return new RecordingIncidents(sites, incidents, clock);
    }

    @Bean
    SharingMarketNotes sharingMarketNotes(Sites sites, MarketNotes notes, Clock clock) {
        return new SharingMarketNotes(sites, notes, clock);
    }
}

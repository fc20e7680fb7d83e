package io.anchang.reporting.config;

import io.anchang.platform.audit.AuditTrail;
import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.sitedirectory.LocalSiteDirectory;
import io.anchang.reporting.adapter.kafka.KafkaDeadLetters;
import io.anchang.reporting.adapter.kafka.Projections;
import io.anchang.reporting.adapter.kafka.RotationViewHandler;
import io.anchang.reporting.adapter.mongo.DirectoryCalendar;
import io.anchang.reporting.adapter.mongo.MongoProjections;
import io.anchang.reporting.adapter.mongo.MongoReadModels;
import io.anchang.reporting.adapter.mongo.MongoRotationViews;
import io.anchang.reporting.adapter.mongo.MongoSiteDirectory;
import io.anchang.reporting.adapter.mongo.MongoTargetBook;
import io.anchang.reporting.adapter.mongo.ProjectionLease;
import io.anchang.reporting.adapter.web.Answers;
import io.anchang.reporting.application.ManagingTargets;
import io.anchang.reporting.application.ReadModels;
import io.anchang.reporting.application.RotationViews;
import io.anchang.reporting.application.SiteDirectory;
import io.anchang.reporting.application.TargetBook;
import io.anchang.reporting.application.TrackingRotations;
import io.anchang.reporting.application.forms.BonusReport;
import io.anchang.reporting.application.forms.HeadOffice;
import io.anchang.reporting.application.forms.Registers;
import io.anchang.reporting.application.forms.SiteForms;
import io.anchang.reporting.application.projection.Projecting;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

@Configuration(proxyBeanMethods = false)
public class ReportingConfiguration {

    @Bean
    RotationViews rotationViews(ScopedMongo mongo) {
        return new MongoRotationViews(mongo);
    }

    @Bean
    TrackingRotations trackingRotations(RotationViews views) {
        return new TrackingRotations(views);
    }

    @Bean
    RotationViewHandler rotationViewHandler(TrackingRotations rotations, JsonMapper mapper) {
        return new RotationViewHandler(rotations, mapper);
    }

    /** Days of the site's calendar are kept as ISO text (2026-11-27): no time zone can shift them, and they sort. */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(new DayToText(), new TextToDay()));
    }

    @WritingConverter
    public static final class DayToText implements Converter<LocalDate, String> {
        @Override
        public String convert(LocalDate day) {
            return day.toString();
        }
    }

    @ReadingConverter
    public static final class TextToDay implements Converter<String, LocalDate> {
        @Override
        public LocalDate convert(String text) {
            return LocalDate.parse(text);
        }
    }

    // ---- the projection: events → read models ----

    @Bean
    Projecting projecting() {
        return Projecting.reports();
    }

    @Bean
    DirectoryCalendar siteCalendar(LocalSiteDirectory directory, Clock clock) {
        return new DirectoryCalendar(directory, clock);
    }

    @Bean
    MongoProjections projectionState(ReactiveMongoTemplate template) {
        return new MongoProjections(template);
    }

    @Bean
    Projections projections(MongoProjections state, Projecting projecting, DirectoryCalendar calendar, ConsumerFactory<?, ?> consumers,
                            JsonMapper mapper, KafkaTemplate<String, String> kafka, KafkaAdmin admin, ReactiveMongoTemplate template,
                            Clock clock, MeterRegistry meters,
                            @Value("${anchang.kafka.consumer-group:${spring.application.name}}") String group,
                            @Value("${anchang.reporting.lease:30s}") Duration lease) {
        @SuppressWarnings("unchecked")
        ConsumerFactory<String, String> factory = (ConsumerFactory<String, String>) consumers;
        return new Projections(state, projecting, calendar, generation -> {
            Properties overrides = new Properties();
            overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
            overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            Consumer<String, String> consumer = factory.createConsumer(group + "-projection-g" + generation, "projection-g" + generation,
                    null, overrides);
            return consumer;
        }, mapper, new KafkaDeadLetters(kafka, admin), new ProjectionLease(template, clock, lease), clock, meters);
    }

    // ---- the reports: read models → forms ----

    @Bean
    ReadModels readModels(ScopedMongo mongo, ReactiveMongoTemplate template) {
        return new MongoReadModels(mongo, template.getConverter());
    }

    @Bean
    SiteDirectory reportSites(LocalSiteDirectory directory, ScopedMongo mongo, JsonMapper mapper) {
        return new MongoSiteDirectory(directory, mongo, mapper);
    }

    @Bean
    TargetBook targetBook(ScopedMongo mongo) {
        return new MongoTargetBook(mongo);
    }

    @Bean
    SiteForms siteForms(ReadModels models, SiteDirectory sites, TargetBook targets, Clock clock) {
        return new SiteForms(models, sites, targets, clock);
    }

    @Bean
    Registers registers(ReadModels models, SiteDirectory sites, Clock clock) {
        return new Registers(models, sites, clock);
    }

    @Bean
    BonusReport bonusReport(ReadModels models, SiteDirectory sites, Clock clock) {
        return new BonusReport(models, sites, clock);
    }

    @Bean
    HeadOffice headOffice(ReadModels models, SiteDirectory sites, TargetBook targets, Clock clock) {
        return new HeadOffice(models, sites, targets, clock);
    }

    @Bean
    Answers answers(JsonMapper mapper) {
        return new Answers(mapper);
    }

    @Bean
    ManagingTargets managingTargets(TargetBook targets, SiteDirectory sites, AuditTrail audit, Clock clock) {
        return new ManagingTargets(targets, sites, audit, clock);
    }
}

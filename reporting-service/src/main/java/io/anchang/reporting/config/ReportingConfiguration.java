package io.anchang.reporting.config;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.reporting.adapter.kafka.RotationViewHandler;
import io.anchang.reporting.adapter.mongo.MongoRotationViews;
import io.anchang.reporting.application.RotationViews;
import io.anchang.reporting.application.TrackingRotations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

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
}

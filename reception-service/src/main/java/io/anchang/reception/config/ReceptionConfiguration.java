package io.anchang.reception.config;

import io.anchang.platform.mongo.ScopedMongo;
import io.anchang.platform.security.AccessRules;
import io.anchang.platform.site.Role;
import org.springframework.http.HttpMethod;
import io.anchang.reception.adapter.mongo.MongoRotations;
import io.anchang.reception.adapter.mongo.MongoSites;
import io.anchang.reception.application.ManagingSites;
import io.anchang.reception.application.Rotations;
import io.anchang.reception.application.SettingRotation;
import io.anchang.reception.application.Sites;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class ReceptionConfiguration {

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
    ManagingSites managingSites(Sites sites, Clock clock) {
        return new ManagingSites(sites, clock);
    }

    @Bean
    SettingRotation settingRotation(Sites sites, Rotations rotations, Clock clock) {
        return new SettingRotation(sites, rotations, clock);
    }
}

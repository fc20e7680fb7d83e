package io.anchang.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Architecture rules every service keeps, checked by a test that fails the build. */
public final class Architecture {

    /** What a domain must not know: frameworks, Reactor, the store, the wire. */
    public static final String[] INFRASTRUCTURE = {
            "org.springframework..", "reactor..", "com.mongodb..", "org.bson..", "tools.jackson..",
            "com.fasterxml.jackson..", "org.apache.kafka..", "io.anchang.platform.mongo..",
            "io.anchang.platform.outbox..", "io.anchang.platform.messaging..", "io.anchang.platform.security..",
            "io.anchang.platform.web..", "io.anchang.platform.events.."};

    private Architecture() {
    }

    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
    }

    /** The domain package is plain Java: no Spring, Reactor, Mongo, Kafka or Jackson in it. */
    public static ArchRule domainIsPlainJava() {
        return noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the rules of the sales office are plain Java that any test can run (STYLE: pure domain)")
                .allowEmptyShould(true);
    }

    /** Adapters reach MongoDB only through the platform's site-scoped store, so no query can forget the site (R-SEC-1). */
    public static ArchRule storeOnlyThroughSiteScope() {
        return noClasses().that().resideInAnyPackage("..application..", "..adapter..", "..domain..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.core.ReactiveMongoTemplate")
                .because("every read and write goes through ScopedMongo, which narrows it to the caller's sites (R-SEC-1)")
                .allowEmptyShould(true);
    }
}

package io.anchang.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Architecture rules every service keeps, checked by a test that fails the build. No rule passes vacuously: each
 * selects the classes it speaks of, and a rule that selects none — a package renamed, a layer moved — fails too.
 */
public final class Architecture {

    /** What a domain must not know: frameworks, Reactor, the store, the wire. */
    public static final String[] INFRASTRUCTURE = {
            "org.springframework..", "reactor..", "com.mongodb..", "org.bson..", "tools.jackson..",
            "com.fasterxml.jackson..", "org.apache.kafka..", "io.anchang.platform.mongo..",
            "io.anchang.platform.outbox..", "io.anchang.platform.messaging..", "io.anchang.platform.security..",
            "io.anchang.platform.web..", "io.anchang.platform.events.."};

    /** A use case is named as an activity, its first word a gerund: ReceivingVisitors, Reconciling, SettlingDisputes. */
    private static final Pattern USE_CASE_NAME = Pattern.compile("[A-Z][a-z]+ing([A-Z][A-Za-z]*)?");

    /** A class of a use case: a class of the application layer named as an activity, or one nested in it. */
    public static final DescribedPredicate<JavaClass> USE_CASE = DescribedPredicate.describe("use cases (application classes named "
            + "as activities, ReceivingVisitors, Reconciling …)", Architecture::inUseCase);

    private Architecture() {
    }

    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage);
    }

    /** The domain package is plain Java: no Spring, Reactor, Mongo, Kafka or Jackson in it. */
    public static ArchRule domainIsPlainJava() {
        return noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the rules of the sales office are plain Java that any test can run (STYLE: pure domain)");
    }

    /** Adapters reach MongoDB only through the platform's site-scoped store, so no query can forget the site (R-SEC-1). */
    public static ArchRule storeOnlyThroughSiteScope() {
        return noClasses().that().resideInAnyPackage("..application..", "..adapter..", "..domain..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.data.mongodb.core.ReactiveMongoTemplate")
                .because("every read and write goes through ScopedMongo, which narrows it to the caller's sites (R-SEC-1)");
    }

    /** The application layer knows its ports, never the adapters that implement them (web, store, broker, clients). */
    public static ArchRule applicationNeverImportsAdapters() {
        return noClasses().that().resideInAPackage("..application..")
                .should().dependOnClassesThat().resideInAPackage("..adapter..")
                .because("use cases depend on ports declared beside them; adapters depend on use cases, never the reverse (STYLE)");
    }

    /**
     * A use case never uses another use case — not its instances, not its static helpers: what two use cases share lives
     * in a class of its own (a port, a helper, the domain).
     */
    public static ArchRule useCasesNeverUseEachOther() {
        return classes().that(USE_CASE).should(new ArchCondition<>("use no other use case") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = topLevel(item).getName();
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (inUseCase(target) && !topLevel(target).getName().equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        }).because("a use case is read → decide → save on its own; one reaching into another's helpers couples their changes (STYLE)");
    }

    private static boolean inUseCase(JavaClass type) {
        JavaClass top = topLevel(type);
        return top.getPackageName().contains(".application") && !top.isInterface()
                && USE_CASE_NAME.matcher(top.getSimpleName()).matches();
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass current = type;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}

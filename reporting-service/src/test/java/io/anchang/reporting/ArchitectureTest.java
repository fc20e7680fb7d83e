package io.anchang.reporting;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.anchang.reporting.adapter.mongo.MongoProjections;
import io.anchang.reporting.adapter.mongo.ProjectionLease;
import io.anchang.testing.Architecture;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private final JavaClasses classes = Architecture.classesOf("io.anchang.reporting");

    /**
     * The projection's background writer — whole read-model documents in bulk by id, collections of a generation
     * dropped after a rebuild, the lease between replicas — works for no caller; nothing else may skip the site scope.
     */
    private static final Set<String> BACKGROUND_WRITERS = Set.of(MongoProjections.class.getName(), ProjectionLease.class.getName());

    @Test
    void domainIsPlainJava() {
        Architecture.domainIsPlainJava().check(classes);
    }

    @Test
    void storeIsReachedOnlyThroughTheSiteScope() {
        JavaClasses users = classes.that(DescribedPredicate.not(DescribedPredicate.describe("the projection's background writer",
                (JavaClass c) -> BACKGROUND_WRITERS.contains(c.getName()) || BACKGROUND_WRITERS.contains(c.getName().replaceAll("\\$.*", "")))));
        Architecture.storeOnlyThroughSiteScope().check(users);
        assertThat(users.size()).isLessThan(classes.size());
    }

    @Test
    void applicationNeverImportsAdapters() {
        Architecture.applicationNeverImportsAdapters().check(classes);
    }

    @Test
    void useCasesNeverUseEachOther() {
        Architecture.useCasesNeverUseEachOther().check(classes);
    }
}

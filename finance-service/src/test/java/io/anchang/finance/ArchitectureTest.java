package io.anchang.finance;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.anchang.testing.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = Architecture.classesOf("io.anchang.finance");

    // the skeleton has no domain, application or adapter classes yet: the rules hold for the first one added
    @Test
    void domainIsPlainJava() {
        Architecture.domainIsPlainJava().allowEmptyShould(true).check(classes);
    }

    @Test
    void storeIsReachedOnlyThroughTheSiteScope() {
        Architecture.storeOnlyThroughSiteScope().allowEmptyShould(true).check(classes);
    }
}

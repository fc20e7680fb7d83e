package io.anchang.finance;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.anchang.testing.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = Architecture.classesOf("io.anchang.finance");

    @Test
    void domainIsPlainJava() {
        Architecture.domainIsPlainJava().check(classes);
    }

    @Test
    void storeIsReachedOnlyThroughTheSiteScope() {
        Architecture.storeOnlyThroughSiteScope().check(classes);
    }

    @Test
    void applicationNeverImportsAdapters() {
        Architecture.applicationNeverImportsAdapters().check(classes);
    }
}

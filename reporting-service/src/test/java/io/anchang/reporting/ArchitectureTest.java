package io.anchang.reporting;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.anchang.testing.Architecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = Architecture.classesOf("io.anchang.reporting");

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

    @Test
    void useCasesNeverUseEachOther() {
        Architecture.useCasesNeverUseEachOther().check(classes);
    }
}

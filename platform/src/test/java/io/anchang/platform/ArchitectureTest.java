package io.anchang.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.anchang.testing.Architecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private final JavaClasses classes = Architecture.classesOf("io.anchang.platform");

    /** Domains may use these packages, so they stay plain Java too. */
    @Test
    void valuesSharedWithDomainsArePlainJava() {
        noClasses().that().resideInAnyPackage("io.anchang.platform.money..", "io.anchang.platform.site..",
                        "io.anchang.platform.problem..")
                .should().dependOnClassesThat().resideInAnyPackage(Architecture.INFRASTRUCTURE)
                .check(classes);
    }
}

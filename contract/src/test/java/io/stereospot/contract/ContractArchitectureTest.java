package io.stereospot.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The contract is what both sides of the wire compile against, so it may know the JDK and Jackson's annotations and
 * nothing else: no other module of ours, no SDK, no web framework.
 */
class ContractArchitectureTest {

    private static final JavaClasses CONTRACT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stereospot.contract");

    private static final ArchRule ONLY_JDK_AND_JACKSON = noClasses()
            .should().dependOnClassesThat().resideOutsideOfPackages(
                    "io.stereospot.contract..", "java..", "com.fasterxml.jackson.annotation..");

    @Test
    void dependsOnlyOnTheJdkAndJacksonAnnotations() {
        assertThat(CONTRACT.size()).as("contract classes imported").isGreaterThan(5);
        ONLY_JDK_AND_JACKSON.check(CONTRACT);
    }

    @Test
    void theRuleCatchesADependencyOnAnotherModule() {
        // This test class itself depends on ArchUnit and AssertJ: the rule must refuse it.
        JavaClasses self = new ClassFileImporter().importClasses(ContractArchitectureTest.class);
        assertThatThrownBy(() -> ONLY_JDK_AND_JACKSON.check(self))
                .isInstanceOf(AssertionError.class);
    }
}

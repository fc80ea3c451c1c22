package io.stereospot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency arrows of ARCHITECTURE.md: only the app knows JavaFX; capture and server never see each other. */
class LayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' test jars are on this module's test class path (harnesses, fixtures); their tests
            // may start a server for a capture test, which is not a production dependency.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.stereospot");

    @Test
    void onlyTheAppUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("io.stereospot.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(PRODUCTION);
    }

    @Test
    void captureAndServerDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.stereospot.capture..")
                .should().dependOnClassesThat().resideInAPackage("io.stereospot.server..")
                .check(PRODUCTION);
        noClasses().that().resideInAPackage("io.stereospot.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stereospot.capture..", "io.stereospot.app..")
                .check(PRODUCTION);
    }

    @Test
    void theContractDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.stereospot.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stereospot.capture..", "io.stereospot.server..",
                        "io.stereospot.app..", "io.stereospot.media..")
                .check(PRODUCTION);
    }
}

package io.stereospot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows between the modules (docs/architecture.md draws them): only the app knows JavaFX; capture
 * and server never see each other; the contract depends on nothing of ours. Inside the app, no two packages depend
 * on each other, so each can be read (and changed) knowing only the packages below it.
 */
class LayeringTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' test jars (harnesses, integration tests that start a real server) are tests too.
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

    @Test
    void theAppsPackagesHaveNoCycles() {
        noCyclesBetweenPackagesUnder("io.stereospot.app").check(PRODUCTION);
    }

    @Test
    void theCycleRuleCatchesACycleThroughTheRootPackage() {
        JavaClasses cycle = new ClassFileImporter().importPackages("io.stereospot.app.layeringcycle");
        assertThatThrownBy(() -> noCyclesBetweenPackagesUnder("io.stereospot.app.layeringcycle").check(cycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("(root)")
                .hasMessageContaining("leaf");
    }

    /** Each package under {@code root} is a slice of its own, and so is {@code root} itself. */
    static ArchRule noCyclesBetweenPackagesUnder(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of("(root)");
                }
                return name.startsWith(root + ".")
                        ? SliceIdentifier.of(name.substring(root.length() + 1))
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages under " + root + " and " + root + " itself";
            }
        }).should().beFreeOfCycles();
    }
}

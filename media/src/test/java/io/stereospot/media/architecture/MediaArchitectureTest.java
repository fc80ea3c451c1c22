package io.stereospot.media.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** media is the bottom of the build: the FFmpeg binaries and running a program, used by capture and server. */
class MediaArchitectureTest {

    private static final String ROOT = "io.stereospot.media";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noCyclesBetweenPackages() {
        slices().assignedFrom(new TopLevelPackages(ROOT)).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependsOnNothingElseOfTheProject() {
        noClasses().that().resideInAPackage(ROOT + "..").should().dependOnClassesThat(
                resideInAPackage("io.stereospot..").and(not(resideInAPackage(ROOT + "..")))).check(MAIN);
    }
}

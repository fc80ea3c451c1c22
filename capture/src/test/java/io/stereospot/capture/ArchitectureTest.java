package io.stereospot.capture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.stereospot.media.architecture.TopLevelPackages;
import org.junit.jupiter.api.Test;

/**
 * The root package (Broadcast and its run) drives ffmpeg, session, source and upload; none of them may reach back
 * into it, or into each other in a circle, so each can be read and tested on its own.
 */
class ArchitectureTest {

    private static final String ROOT = "io.stereospot.capture";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noCyclesBetweenPackagesTheRootIncluded() {
        slices().assignedFrom(new TopLevelPackages(ROOT)).should().beFreeOfCycles().check(MAIN);
    }
}

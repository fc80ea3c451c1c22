package io.stereospot.capture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.stereospot.media.architecture.DataFlowLayers;
import io.stereospot.media.architecture.TopLevelPackages;
import org.junit.jupiter.api.Test;

/**
 * The root package (Broadcast and its run) drives source, ffmpeg, upload and session, which follow the chunk in that
 * order; no arrow runs back up: none of them reaches into the root, or into a package after it, so each can be read
 * and tested on its own. The broadcast's options are fixed once ({@link BroadcastSettings}); only {@link Broadcast}
 * reads its builder.
 */
class ArchitectureTest {

    private static final String ROOT = "io.stereospot.capture";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noCyclesBetweenPackagesTheRootIncluded() {
        slices().assignedFrom(new TopLevelPackages(ROOT)).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void packagesDependOnlyOnThoseEarlierInTheChunksPath() {
        DataFlowLayers.of(ROOT, "source", "ffmpeg", "quality", "upload", "session").check(MAIN);
    }

    @Test
    void onlyTheBroadcastReadsItsBuilder() {
        noClasses().that().resideInAPackage(ROOT + "..").and().doNotBelongToAnyOf(Broadcast.class)
                .should().dependOnClassesThat().belongToAnyOf(Broadcast.Builder.class)
                .because("the run and its parts read the fixed BroadcastSettings, never options that could change")
                .check(MAIN);
    }
}

package io.stereospot.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The server's packages follow the chunk: store (with iam, datadir and config beside it) -> ingest -> queue -> segment
 * -> convert -> session -> playlist -> playback -> http, with the root package composing them. {@code segment} (what a
 * stored segment is, how it is made playable and read) comes before {@code convert}, which makes segments, so that
 * serving them never depends on converting. Rules on packages, not classes,
 * so classes may move within a package freely.
 */
class ArchitectureTest {

    private static final String ROOT = "io.stereospot.server";

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Each top-level package of the server is one slice, and the root package is one more. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(ROOT)) {
                return SliceIdentifier.of("(root)");
            }
            if (!name.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the server's top-level packages and its root package";
        }
    };

    @Test
    void noCyclesBetweenPackages() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void ourHttpApiIsOnlyAtTheTop() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .and().resideOutsideOfPackages(ROOT + ".http..", ROOT)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".http..", "io.javalin..")
                .because("routes, the web framework and HTTP answers belong to the http package alone")
                .check(SERVER);
    }

    @Test
    void onlyTheHttpApiAndTheEmbeddedAwsEndpointsRunAWebServer() {
        // The embedded store and STS stand in for AWS S3 and STS, not for our API: the store is S3Proxy, which
        // runs on Jetty, and the STS endpoint is a Jetty handler of its own. Everything else stays off Jetty.
        noClasses().that().resideInAPackage(ROOT + "..")
                .and().resideOutsideOfPackages(ROOT + ".http..", ROOT, ROOT + ".store..", ROOT + ".iam..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty.server..")
                .check(SERVER);
    }

    @Test
    void packagesDependOnlyOnThoseEarlierInTheChunksPath() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Store").definedBy(ROOT + ".store..", ROOT + ".iam..", ROOT + ".datadir..", ROOT + ".config..")
                .layer("Ingest").definedBy(ROOT + ".ingest..")
                .layer("Queue").definedBy(ROOT + ".queue..")
                .layer("Segment").definedBy(ROOT + ".segment..")
                .layer("Convert").definedBy(ROOT + ".convert..")
                .layer("Session").definedBy(ROOT + ".session..")
                .layer("Playlist").definedBy(ROOT + ".playlist..")
                .layer("Playback").definedBy(ROOT + ".playback..")
                .layer("Http").definedBy(ROOT + ".http..")
                .layer("Root").definedBy(ROOT)
                .whereLayer("Root").mayNotBeAccessedByAnyLayer()
                .whereLayer("Http").mayOnlyBeAccessedByLayers("Root")
                .whereLayer("Playback").mayOnlyBeAccessedByLayers("Http", "Root")
                .whereLayer("Playlist").mayOnlyBeAccessedByLayers("Playback", "Http", "Root")
                .whereLayer("Session").mayOnlyBeAccessedByLayers("Playlist", "Playback", "Http", "Root")
                .whereLayer("Convert").mayOnlyBeAccessedByLayers("Session", "Playlist", "Playback", "Http", "Root")
                .whereLayer("Segment").mayOnlyBeAccessedByLayers("Convert", "Session", "Playlist", "Playback", "Http",
                        "Root")
                .whereLayer("Queue").mayOnlyBeAccessedByLayers("Segment", "Convert", "Session", "Playlist", "Playback",
                        "Http", "Root")
                .whereLayer("Ingest").mayOnlyBeAccessedByLayers("Queue", "Segment", "Convert", "Session", "Playlist",
                        "Playback", "Http", "Root")
                .check(SERVER);
    }

    @Test
    void segmentsDependOnNeitherConvertingNorServing() {
        noClasses().that().resideInAPackage(ROOT + ".segment..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".convert..", ROOT + ".playlist..",
                        ROOT + ".http..")
                .because("a stored segment is what convert makes and what playlist and http read")
                .check(SERVER);
    }

    @Test
    void playlistsAndSegmentsAreServedWithoutDependingOnConverting() {
        noClasses().that().resideInAnyPackage(ROOT + ".playlist..", ROOT + ".http..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".convert..")
                .because("serving reads stored segments (segment), not the converter that made them")
                .check(SERVER);
    }
}

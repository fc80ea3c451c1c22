package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path base;

    @Test
    void aSessionGetsAFolderOfItsOwnInTheGivenFolderAndCleanLeavesOnlyThatFolder() throws Exception {
        Files.createDirectories(base.resolve("earlier-session"));
        Spool spool = Spool.create(base, "3f2b8c1e");

        assertThat(spool.dir()).isEqualTo(base.resolve("3f2b8c1e")).isDirectory();
        Files.createDirectories(spool.dir().resolve("list"));
        Files.writeString(spool.dir().resolve("list/chunks.csv"), "chunk_00000.mp4,0,5\n");
        Files.write(spool.dir().resolve("chunk_00001.mp4"), new byte[10]);

        spool.clean();

        assertThat(spool.dir()).doesNotExist();
        assertThat(base).isDirectory();
        assertThat(base.resolve("earlier-session")).as("another session's folder is not ours").isDirectory();
    }

    @Test
    void withoutAFolderItMakesATemporaryOneAndRemovesItAgain() throws Exception {
        Spool spool = Spool.create(null, "3f2b8c1e");
        Path parent = spool.dir().getParent();

        assertThat(spool.dir().getFileName()).hasToString("3f2b8c1e");
        assertThat(parent.getFileName().toString()).startsWith("stereospot-spool-");
        Files.write(spool.dir().resolve("chunk_00000.mp4"), new byte[10]);

        spool.clean();

        assertThat(parent).doesNotExist();
    }

    @Test
    void cleaningTwiceOrAfterTheFolderWentIsHarmless() throws Exception {
        Spool spool = Spool.create(base, "gone");
        spool.clean();
        spool.clean();
        assertThat(spool.dir()).doesNotExist();
    }
}

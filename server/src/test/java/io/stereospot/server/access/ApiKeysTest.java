package io.stereospot.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void oneKeyALineWithCommentsAndBlankLinesSkipped() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), "# the studio\n  alpha-key  \n\n#beta-key\nbeta\n");
        ApiKeys keys = ApiKeys.read(file);
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.match("alpha-key")).contains(ApiKeys.idOf("alpha-key"));
        assertThat(keys.match("beta")).isPresent();
        assertThat(keys.match("#beta-key")).isEmpty();
        assertThat(keys.match("alpha")).isEmpty();
        assertThat(ApiKeys.idOf("alpha-key")).matches("key-[0-9a-f]{8}").doesNotContain("alpha");
    }

    @Test
    void aFileWithoutKeysOrMissingIsASentence() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing yet\n\n");
        assertThatThrownBy(() -> ApiKeys.read(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The API key file " + empty + " holds no key (one a line; lines starting with # are"
                        + " comments).");
        assertThatThrownBy(() -> ApiKeys.read(dir.resolve("absent")))
                .hasMessageStartingWith("The API key file " + dir.resolve("absent") + " cannot be read");
    }
}

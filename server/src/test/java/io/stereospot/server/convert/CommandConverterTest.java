package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command converter runs a real program with the paths as whole arguments, and reports its failures. */
class CommandConverterTest {

    @TempDir
    Path dir;

    @Test
    void runsTheProgramWithPathsThatHaveSpacesAndQuotes() throws Exception {
        Path work = Files.createDirectories(dir.resolve("a dir with 'quotes'"));
        Path input = Files.writeString(work.resolve("chunk 1.mp4"), "pretend video");
        Path output = work.resolve("seg 1.mp4");
        ConverterSettings.command("sh -c 'cp \"$1\" \"$2\"' copy {input} {output}").create().convert(input, output);
        assertThat(output).hasContent("pretend video");
    }

    @Test
    void aFailingProgramIsReportedWithItsExitStatusAndStderr() throws Exception {
        Path input = Files.writeString(dir.resolve("in.mp4"), "x");
        Converter failing = ConverterSettings.command("sh -c 'echo \"no model weights\" >&2; exit 7' f {input} "
                + "{output}").create();
        assertThatThrownBy(() -> failing.convert(input, dir.resolve("out.mp4")))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("status 7").hasMessageContaining("no model weights");
    }

    @Test
    void aProgramThatWritesNothingIsAFailure() throws Exception {
        Path input = Files.writeString(dir.resolve("in.mp4"), "x");
        assertThatThrownBy(() -> ConverterSettings.command("true {input} {output}").create()
                .convert(input, dir.resolve("out.mp4")))
                .hasMessageContaining("wrote nothing");
        assertThatThrownBy(() -> ConverterSettings.command("no-such-program-here {input} {output}").create()
                .convert(input, dir.resolve("out.mp4")))
                .hasMessageContaining("could not run (no-such-program-here)");
    }
}

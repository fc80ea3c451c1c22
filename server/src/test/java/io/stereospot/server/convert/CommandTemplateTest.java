package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    @Test
    void splitsLikeAShellAndSubstitutesPathsAfterSplitting() {
        CommandTemplate t = CommandTemplate.parse(
                "python -m iw3.cli -i {input} -o {output} --title 'two words' --x \"a \\\"b\\\"\" c\\ d");
        assertThat(t.argumentsFor(Path.of("/tmp/in put.mp4"), Path.of("/tmp/o'ut.mp4"))).containsExactly(
                "python", "-m", "iw3.cli", "-i", "/tmp/in put.mp4", "-o", "/tmp/o'ut.mp4", "--title", "two words",
                "--x", "a \"b\"", "c d");
    }

    @Test
    void placeholdersMayBePartOfAnArgument() {
        CommandTemplate t = CommandTemplate.parse("conv --in={input} --out={output}");
        assertThat(t.argumentsFor(Path.of("a.mp4"), Path.of("b.mp4"))).containsExactly("conv", "--in=a.mp4",
                "--out=b.mp4");
    }

    @Test
    void theReadmesIw3LineReachesTheShellIntact() {
        // As the README's shell line delivers it to --converter-command.
        CommandTemplate t = CommandTemplate.parse("sh -c 'cd /opt/nunif && exec python -m iw3 -i \"$1\" -o \"$2\" "
                + "--half-sbs' iw3 {input} {output}");
        assertThat(t.argumentsFor(Path.of("/w/chunk.mp4"), Path.of("/w/segment.mp4"))).containsExactly("sh", "-c",
                "cd /opt/nunif && exec python -m iw3 -i \"$1\" -o \"$2\" --half-sbs", "iw3", "/w/chunk.mp4",
                "/w/segment.mp4");
    }

    @Test
    void refusesTemplatesWithoutBothPlaceholdersOrWithAnOpenQuote() {
        assertThatThrownBy(() -> CommandTemplate.parse("cp {input} out.mp4")).hasMessageContaining("{output}");
        assertThatThrownBy(() -> CommandTemplate.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CommandTemplate.parse("cp '{input} {output}")).hasMessageContaining("unclosed");
    }
}

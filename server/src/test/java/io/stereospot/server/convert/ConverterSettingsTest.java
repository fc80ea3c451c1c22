package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each choice of options makes the converter it names, set up as asked; wrong combinations are sentences. */
class ConverterSettingsTest {

    @TempDir
    Path dir;

    @Test
    void depthIsTheDefault() {
        ConverterSettings s = ConverterSettings.fromOptions(null, null, null);
        assertThat(s).isEqualTo(ConverterSettings.defaults()).isEqualTo(ConverterSettings.depth());
        Converter converter = s.create();
        assertThat(converter).isInstanceOf(DepthConverter.class);
        DepthConverter depth = (DepthConverter) converter;
        assertThat(depth.name()).isEqualTo("depth");
        assertThat(depth.settings()).isEqualTo(new DepthSettings(2.0, 0.5, null));
        assertThat(depth.describeEstimator()).isEqualTo("approximate depth (no model)");
        assertThat(String.join(" ", depth.decodeCommand(Path.of("in.mp4"))))
                .as("the half size sbs gives at the source's size").contains("scale=trunc(iw/4)*2:trunc(ih/2)*2");
        assertThat(s.describe()).isEqualTo("depth (source size), strength 2.0 %, convergence 0.50");
    }

    @Test
    void depthTakesItsSizeStrengthConvergenceAndModel() throws Exception {
        Path model = Files.writeString(dir.resolve("depth.onnx"), "not really a model");
        ConverterSettings s = ConverterSettings.fromOptions("depth", null, "1920x1080", false, 1.5, 0.25, model);
        assertThat(s.depthSettings()).isEqualTo(new DepthSettings(1.5, 0.25, model));
        DepthConverter depth = (DepthConverter) s.create();
        assertThat(depth.settings()).isEqualTo(new DepthSettings(1.5, 0.25, model));
        assertThat(String.join(" ", depth.decodeCommand(Path.of("in.mp4")))).contains("scale=960:1080");
        assertThat(s.describe()).isEqualTo("depth 1920x1080, strength 1.5 %, convergence 0.25, model " + model);
    }

    @Test
    void eachOtherKindMakesItsConverter() {
        Converter sbs = ConverterSettings.fromOptions("sbs", null, "1920x1080").create();
        assertThat(sbs).isInstanceOf(SbsConverter.class);
        assertThat(((SbsConverter) sbs).filterGraph()).contains("scale=960:1080", "hstack");
        assertThat(((SbsConverter) ConverterSettings.fromOptions("sbs", null, null).create()).filterGraph())
                .contains("scale=trunc(iw/4)*2:trunc(ih/2)*2");
        assertThat(ConverterSettings.fromOptions("copy", null, null).create()).isInstanceOf(CopyConverter.class)
                .extracting(Converter::name).isEqualTo("copy");
        ConverterSettings command = ConverterSettings.fromOptions("command", "iw3 -i {input} -o {output}", null);
        assertThat(command.create()).isInstanceOf(CommandConverter.class);
        assertThat(command.describe()).isEqualTo("command: iw3 -i {input} -o {output}");
        assertThat(ConverterSettings.fromOptions(null, "iw3 -i {input} -o {output}", null)).isEqualTo(command);
        ConverterSettings persistent = ConverterSettings.fromOptions("command", "iw3-server --jobs", null, true);
        assertThat(persistent.describe()).isEqualTo("persistent command: iw3-server --jobs");
        try (Converter c = persistent.create()) {
            assertThat(c).isInstanceOf(PersistentCommandConverter.class);
        }
    }

    @Test
    void explainsWrongCombinations() {
        assertThatThrownBy(() -> ConverterSettings.fromOptions("stereo", null, null))
                .hasMessage("Unknown converter \"stereo\"; choose one of depth, sbs, copy, command.");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("command", null, null))
                .hasMessageContaining("--converter-command");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("copy", "x {input} {output}", null))
                .hasMessageContaining("only used with --converter command");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("sbs", null, "1920*1080"))
                .hasMessageContaining("1920x1080");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("depth", null, "1922x1080"))
                .hasMessageContaining("divisible by 4");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("copy", null, "1920x1080"))
                .hasMessage("--sbs-size is only used with --converter depth or sbs.");
    }

    @Test
    void explainsWrongDepthSettings() {
        assertThatThrownBy(() -> ConverterSettings.fromOptions(null, null, null, false, 10.5, null, null))
                .hasMessage("The depth strength must be between 0 and 10 % of the width (e.g. 2), not 10.5.");
        assertThatThrownBy(() -> ConverterSettings.fromOptions(null, null, null, false, -1.0, null, null))
                .hasMessageContaining("between 0 and 10 %");
        assertThatThrownBy(() -> ConverterSettings.fromOptions(null, null, null, false, null, 1.2, null))
                .hasMessage("The depth convergence must be between 0 (all in front of the screen) and 1 (all behind"
                        + " it), not 1.2.");
        assertThatThrownBy(() -> ConverterSettings.fromOptions(null, null, null, false, Double.NaN, null, null))
                .hasMessageContaining("between 0 and 10 %");
        Path missing = dir.resolve("nowhere.onnx");
        assertThatThrownBy(() -> ConverterSettings.fromOptions(null, null, null, false, null, null, missing))
                .hasMessageContaining("The depth model " + missing + " does not exist (--depth-model)");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("sbs", null, null, false, 2.0, null, null))
                .hasMessage("--depth-strength, --depth-convergence and --depth-model are only used with"
                        + " --converter depth.");
    }
}

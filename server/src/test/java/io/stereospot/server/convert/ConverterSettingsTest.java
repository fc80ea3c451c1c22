package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConverterSettingsTest {

    @Test
    void sbsIsTheDefault() {
        ConverterSettings s = ConverterSettings.fromOptions(null, null, null);
        assertThat(s.kind()).isEqualTo(ConverterKind.SBS);
        assertThat(s.create().name()).isEqualTo("sbs");
    }

    @Test
    void readsEachKindFromItsOptions() {
        assertThat(ConverterSettings.fromOptions("copy", null, null).create().name()).isEqualTo("copy");
        assertThat(ConverterSettings.fromOptions("sbs", null, "1920x1080"))
                .isEqualTo(ConverterSettings.sbs(1920, 1080));
        ConverterSettings command = ConverterSettings.fromOptions("command", "iw3 -i {input} -o {output}", null);
        assertThat(command.create().name()).isEqualTo("command");
        assertThat(ConverterSettings.fromOptions(null, "iw3 -i {input} -o {output}", null).kind())
                .isEqualTo(ConverterKind.COMMAND);
    }

    @Test
    void explainsWrongCombinations() {
        assertThatThrownBy(() -> ConverterSettings.fromOptions("depth", null, null))
                .hasMessage("Unknown converter \"depth\"; choose one of sbs, copy, command.");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("command", null, null))
                .hasMessageContaining("--converter-command");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("copy", "x {input} {output}", null))
                .hasMessageContaining("only used with --converter command");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("sbs", null, "1920*1080"))
                .hasMessageContaining("1920x1080");
        assertThatThrownBy(() -> ConverterSettings.fromOptions("sbs", null, "1922x1080"))
                .hasMessageContaining("divisible by 4");
    }
}

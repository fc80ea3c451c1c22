package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.SessionStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code capture} prints of the server's conversion status: each chunk shown flat, once. */
class CapturePrinterTest {

    @Test
    void eachChunkShownFlatIsSaidOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CaptureCommand.Printer printer = new CaptureCommand.Printer(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        printer.conversionStatus(status(List.of()));
        printer.conversionStatus(status(List.of(12)));
        printer.conversionStatus(status(List.of(12)));
        printer.conversionStatus(status(List.of(12, 15)));

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "Warning: 3D conversion failed for chunk 12; it is shown flat.",
                "Warning: 3D conversion failed for chunk 15; it is shown flat.");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static SessionStatus status(List<Integer> flat) {
        return new SessionStatus("id", SessionStatus.LIVE, 16, 16, 0, 0, flat, flat.isEmpty() ? null : "exit 1");
    }
}

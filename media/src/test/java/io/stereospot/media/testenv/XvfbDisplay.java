package io.stereospot.media.testenv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A private X display: Xvfb picks a free display number itself ({@code -displayfd}), so tests never collide with
 * another display on the machine.
 */
public final class XvfbDisplay implements AutoCloseable {

    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    public static XvfbDisplay start(int width, int height) {
        ProcessBuilder builder = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0",
                width + "x" + height + "x24", "-nolisten", "tcp", "-noreset")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Xvfb is not installed (apt-get install xvfb)", e);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII));
        CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = number.get(15, TimeUnit.SECONDS);
            if (line == null || !line.strip().matches("\\d+")) {
                throw new IllegalStateException("Xvfb did not report a display number (got " + line + ")");
            }
            XvfbDisplay xvfb = new XvfbDisplay(process, ":" + line.strip());
            HelperPrograms.prioritise(process);
            Await.until(() -> HelperPrograms.succeeds(List.of("xdpyinfo"), xvfb.environment(), 5000),
                    Duration.ofSeconds(10), "Xvfb " + xvfb.display + " to answer");
            return xvfb;
        } catch (Exception e) {
            HelperPrograms.end(process);
            throw new IllegalStateException("Xvfb did not start: " + e.getMessage(), e);
        }
    }

    /** {@code :N}. */
    public String display() {
        return display;
    }

    /** {@code DISPLAY} for child processes. */
    public Map<String, String> environment() {
        return Map.of("DISPLAY", display);
    }

    @Override
    public void close() {
        HelperPrograms.end(process);
    }
}

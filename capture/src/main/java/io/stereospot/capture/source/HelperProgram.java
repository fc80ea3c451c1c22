package io.stereospot.capture.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a small system program (xdotool, pactl, ffmpeg for a thumbnail) to completion, with a deadline. */
final class HelperProgram {

    /** What it printed and how it ended; exitCode -1 when it could not start or timed out. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return exitCode == 0;
        }
    }

    private HelperProgram() {
    }

    static Result run(List<String> command, Map<String, String> environment, long timeoutMs) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(-1, new byte[0], command.get(0) + " could not be started: " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, new byte[0], command.get(0) + " did not finish within " + timeoutMs + " ms");
            }
            return new Result(process.exitValue(), out.join(),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            return new Result(-1, new byte[0], e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, new byte[0], "interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first line of a program's error output: enough for a sentence, never a wall of text. */
    static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end);
    }
}

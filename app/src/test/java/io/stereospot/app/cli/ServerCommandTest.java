package io.stereospot.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.server.StreamServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    @Test
    void startsAndSaysWhereItListensAndKeepsItsData() throws Exception {
        ServerCommand command = new ServerCommand(Map.of());
        try (StreamServer server = command.start(List.of("--port", "0", "--data-dir", dataDir.toString(),
                "--public-url", "http://192.0.2.7:8470/"), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("API       " + server.baseUrl())
                    .contains("S3        " + server.s3Endpoint())
                    .contains("STS       " + server.stsEndpoint())
                    .contains("Data      " + dataDir.toAbsolutePath())
                    .contains("Playlists http://192.0.2.7:8470/stream/{session_id}/playlist.m3u8")
                    .contains("Ctrl-C");
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(dataDir.resolve("store/stereospot")).isDirectory();
        }
    }

    @Test
    void badFlagsAreUsageErrorsWithASentence() {
        CommandLine commandLine = new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(new ServerCommand(Map.of())));
        assertThat(commandLine.run(new String[] {"server", "--port", "eighty"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--port", "70000"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--verbose", "yes"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--public-url", "ftp://x"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--port"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("The port must be a number, not 'eighty'.")
                .contains("The port must be 0")
                .contains("Unknown option '--verbose'.")
                .contains("The public URL must be an http(s) URL")
                .contains("'--port' needs a value.")
                .contains("Usage: ./stereospot server");
    }

    @Test
    void credentialLifetimeIsAFlag() throws Exception {
        ServerCommand command = new ServerCommand(Map.of());
        try (StreamServer server = command.start(List.of("--port", "0", "--data-dir", dataDir.toString(),
                "--credential-lifetime", "90s"), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(server.config().credentialLifetime()).isEqualTo(Duration.ofSeconds(90));
            HttpResponse<String> created = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/stream_sessions"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            Instant expiresAt = Instant.parse(new ObjectMapper().readTree(created.body())
                    .path("upload").path("expires_at").asText());
            assertThat(Duration.between(Instant.now(), expiresAt))
                    .isBetween(Duration.ofSeconds(80), Duration.ofSeconds(91));
        }
        try (StreamServer server = command.start(List.of("--port", "0", "--data-dir", dataDir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(server.config().credentialLifetime()).as("default").isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void badCredentialLifetimesAreUsageErrorsWithASentence() {
        CommandLine commandLine = new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), List.of(new ServerCommand(Map.of())));
        assertThat(commandLine.run(new String[] {"server", "--credential-lifetime", "soon"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--credential-lifetime", "2h"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(commandLine.run(new String[] {"server", "--credential-lifetime", "500ms"}))
                .isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of(new ServerCommand(Map.of("STEREOSPOT_AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/up"))))
                .run(new String[] {"server", "--credential-lifetime", "5m"})).isEqualTo(CommandLine.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--credential-lifetime takes a time such as 90s, 5m or 1h, not 'soon'.")
                .contains("The credential lifetime must be between 1 s and 1 h (3600 s), not 7200 s.")
                .contains("The credential lifetime must be between 1 s and 1 h (3600 s), not 0.5 s.")
                .contains("The credential lifetime must be between 900 s and 1 h (3600 s), not 300 s.")
                .contains("--credential-lifetime T");
    }

    @Test
    void isListedInHelp() {
        assertThat(new CommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server").contains("stream server");
    }

    @Test
    void aTakenPortIsASentenceNotAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            ServerCommand command = new ServerCommand(Map.of());
            // The API port is bound last, so the store and STS started before it must be closed again.
            assertThatThrownBy(() -> command.start(List.of("--port", String.valueOf(port), "--data-dir",
                    dataDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8)))
                    .hasMessageContaining(String.valueOf(port))
                    .hasMessageContaining("in use");
        }
    }
}

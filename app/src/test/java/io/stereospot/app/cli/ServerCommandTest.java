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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @TempDir
    Path dataDir;

    @Test
    void startsAndSaysWhereItListensAndKeepsItsData() throws Exception {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString(), "--public-url=http://192.0.2.7:8470/")) {
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
    void httpsAddsTheWatchPagesHttpsOriginToTheCreateAnswer() throws Exception {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString(), "--public-url=http://192.0.2.7:8470/", "--https")) {
            URI origin = server.watchOrigin().orElseThrow();
            assertThat(origin.toString()).isEqualTo("https://192.0.2.7:" + origin.getPort());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Watch     " + origin + "/watch/{session_id}")
                    .contains("Playlists http://192.0.2.7:8470/stream/{session_id}/playlist.m3u8");
            HttpResponse<String> created = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/stream_sessions"))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(created.body()).path("watch_origin").asText())
                    .isEqualTo(origin.toString());
            assertThat(dataDir.resolve("https/watch-key.pem")).isRegularFile();
        }
    }

    @Test
    void withoutHttpsNoWatchLineIsPrinted() {
        try (StreamServer server = CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                "--port", "0", "--data-dir", dataDir.toString())) {
            assertThat(server.watchOrigin()).isEmpty();
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Watch ");
        }
    }

    @Test
    void badFlagsAreUsageErrorsWithASentence() {
        CliRun run = new CliRun(Map.of(), new ServerCommand(Map.of()));
        assertThat(run.run("server", "--port", "eighty")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--port", "70000")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--verbose", "yes")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--public-url", "ftp://x")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.run("server", "--port")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(run.err())
                .contains("The port must be a number, not 'eighty'.")
                .contains("The port must be 0")
                .contains("Unknown option '--verbose'.")
                .contains("The public URL must be an http(s) URL")
                .contains("'--port' needs a value.")
                .contains("Usage: stereospot server");
    }

    @Test
    void credentialLifetimeIsAFlag() throws Exception {
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (StreamServer server = CliRun.startServer(Map.of(), printed, "--port", "0", "--data-dir",
                dataDir.toString(), "--credential-lifetime", "90s")) {
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
        try (StreamServer server = CliRun.startServer(Map.of(), printed, "--port", "0", "--data-dir",
                dataDir.toString())) {
            assertThat(server.config().credentialLifetime()).as("default").isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void isListedInHelp() {
        CliRun run = CliRun.everyCommand(Map.of());
        assertThat(run.run("--help")).isZero();
        assertThat(run.out()).contains("server").contains("stream server");
    }

    @Test
    void environmentDefaultsApplyAndTheCommandLineWins(@TempDir Path other) throws Exception {
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("STEREOSPOT_PORT", "0", "STEREOSPOT_DATA_DIR", dataDir.toString(),
                "STEREOSPOT_CREDENTIAL_LIFETIME", "2m", "STEREOSPOT_CONVERTER", "copy");
        try (StreamServer server = CliRun.startServer(env, printed)) {
            assertThat(server.config().credentialLifetime()).isEqualTo(Duration.ofMinutes(2));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Data      " + dataDir.toAbsolutePath())
                    .contains("Converter copy");
        }
        try (StreamServer server = CliRun.startServer(env, printed, "--data-dir=" + other,
                "--credential-lifetime", "3m")) {
            assertThat(server.config().credentialLifetime()).isEqualTo(Duration.ofMinutes(3));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Data      " + other.toAbsolutePath());
        }
    }

    @Test
    void aTakenPortIsOneSentenceAndStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun run = new CliRun(Map.of(), new ServerCommand(Map.of()));
            assertThat(run.run("server", "--port", String.valueOf(port), "--data-dir", dataDir.toString()))
                    .isEqualTo(Cli.FAILURE);
            assertThat(run.err().lines().toList()).singleElement().asString().contains(String.valueOf(port))
                    .contains("in use").endsWith(".");
        }
    }

    @Test
    void aTakenPortIsASentenceNotAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            // The API port is bound last, so the store and STS started before it must be closed again.
            assertThatThrownBy(() -> CliRun.startServer(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    "--port", String.valueOf(port), "--data-dir", dataDir.toString()))
                    .hasMessageContaining(String.valueOf(port))
                    .hasMessageContaining("in use");
        }
    }
}

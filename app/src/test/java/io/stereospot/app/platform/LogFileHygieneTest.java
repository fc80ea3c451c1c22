package io.stereospot.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.stereospot.app.cli.Cli;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.StreamServer;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.MutableClock;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The log FILE people send with a report, written through the app's own logback.xml at the most detailed level a
 * user can ask for ({@code STEREOSPOT_LOG_LEVEL=DEBUG}): after sessions, uploads, refused uploads, an expired token
 * and a command that fails with a stack trace, no secret access key, session token or root secret is in it.
 * Server-side events are also checked one by one (arguments, MDC, stack traces) by the server's LogHygieneTest.
 */
class LogFileHygieneTest {

    @TempDir
    Path dir;

    private LoggerContext context;

    @BeforeEach
    void logThroughTheAppsConfiguration() throws JoranException {
        context = (LoggerContext) LoggerFactory.getILoggerFactory();
        configure(Objects.requireNonNull(Cli.class.getResource("/logback.xml")), true);
    }

    @AfterEach
    void backToTheTestConfiguration() throws JoranException {
        configure(Objects.requireNonNull(Cli.class.getResource("/logback-test.xml")), false);
    }

    private void configure(URL configuration, boolean toTheTestFolder) throws JoranException {
        context.reset();
        if (toTheTestFolder) {
            context.putProperty("STEREOSPOT_LOG_DIR", dir.resolve("logs").toString());
            context.putProperty("STEREOSPOT_LOG_LEVEL", "DEBUG");
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(configuration);
    }

    @Test
    void noSecretOrTokenReachesTheLogFile() throws IOException {
        Path dataDir = dir.resolve("data");
        MutableClock clock = new MutableClock();
        List<String> secrets = new ArrayList<>();
        StreamSession a;
        try (StreamServer server = StreamServer.start(TestServers.config(dataDir).clock(clock).build())) {
            SessionClient client = new SessionClient(server.baseUrl());
            a = client.create("sbs");
            StreamSession b = new ApiClient(server.baseUrl()).createSession();
            for (UploadGrant grant : List.of(a.upload(), b.upload())) {
                secrets.add(grant.secretAccessKey());
                secrets.add(grant.sessionToken());
            }
            secrets.add(RootCredentials.loadOrCreate(dataDir).secretAccessKey());

            String key = a.upload().keyPrefix() + "chunk_00000.mp4";
            try (S3Client asA = SessionS3.client(a.upload());
                    S3Client wrongSecret = SessionS3.client(a.upload(), b.upload().secretAccessKey(),
                            a.upload().sessionToken());
                    S3Client wrongToken = SessionS3.client(a.upload(), a.upload().secretAccessKey(),
                            b.upload().sessionToken())) {
                asA.putObject(r -> r.bucket(server.bucket()).key(key), RequestBody.fromString("chunk"));
                refused(() -> wrongSecret.putObject(r -> r.bucket(server.bucket()).key(key), RequestBody.fromString("x")));
                refused(() -> wrongToken.putObject(r -> r.bucket(server.bucket()).key(key), RequestBody.fromString("x")));
                clock.advance(Duration.ofHours(2));
                refused(() -> asA.putObject(r -> r.bucket(server.bucket()).key(key), RequestBody.fromString("x")));
            }
            client.end(a.sessionId());
        }
        // A command that fails: its stack trace goes to the file, one sentence to the terminal.
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(new Cli(printed, printed).run("server", "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dataDir.toString())).isEqualTo(Cli.FAILURE);
        }
        context.stop();

        String log;
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            List<Path> all = files.toList();
            assertThat(all).extracting(p -> p.getFileName().toString()).contains("stereospot.log");
            StringBuilder text = new StringBuilder();
            for (Path file : all) {
                text.append(Files.readString(file));
            }
            log = text.toString();
        }
        assertThat(log).as("the log names what happened")
                .contains("Stream API listening on")
                .contains(a.upload().accessKeyId())
                .contains("server failed")
                .contains("\tat ");
        assertThat(log.lines().count()).isGreaterThan(20);
        assertThat(terminal.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
        List<String> leaks = log.lines().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
        assertThat(leaks).as("log lines holding a secret or token").isEmpty();
    }

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(S3Exception.class);
    }
}

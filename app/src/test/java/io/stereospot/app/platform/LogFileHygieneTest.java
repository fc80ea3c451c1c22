package io.stereospot.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.stereospot.app.cli.Cli;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.SecretsWorkout;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The log FILE people send with a report, written through the app's own logback.xml at the most detailed level a
 * user can ask for ({@code STEREOSPOT_LOG_LEVEL=DEBUG}): after the server's {@link SecretsWorkout} (sessions,
 * uploads, every refusal, an expired token, a wrong root secret, a restart), the capture side's session client and
 * a command that fails with a stack trace, no secret access key, session token or root secret is in it. The
 * server's LogHygieneTest checks the same workout event by event (arguments, MDC, stack traces).
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
        SecretsWorkout.Result workout = SecretsWorkout.run(dataDir);
        List<String> secrets = new ArrayList<>(workout.secrets());
        // The capture side's session client too.
        try (StreamServer server = TestServers.embedded(dataDir)) {
            SessionClient client = new SessionClient(server.baseUrl());
            StreamSession session = client.create("sbs");
            secrets.add(session.upload().secretAccessKey());
            secrets.add(session.upload().sessionToken());
            client.end(session.sessionId(), session.renewal());
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
                .contains(workout.refusedAccessKey())
                .contains(AppVersion.nameAndVersion() + ": stereospot server on ")
                .contains("server failed")
                .contains("\tat ");
        assertThat(log.lines().count()).isGreaterThan(20);
        assertThat(terminal.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
        List<String> leaks = log.lines().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
        assertThat(leaks).as("log lines holding a secret or token").isEmpty();
    }
}

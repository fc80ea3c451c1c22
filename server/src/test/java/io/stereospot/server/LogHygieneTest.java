package io.stereospot.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import io.stereospot.server.testing.SecretsWorkout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the server through everything it does (creates, uploads, renewals, every kind of refusal, expiry, bad
 * requests, a restart) with our code and S3Proxy logging at DEBUG, then reads every captured line: no secret access
 * key, no session token, no renewal secret and no root secret may appear in a message, an argument, an MDC value or
 * a stack trace.
 *
 * <p>The one S3Proxy logger that prints canonical requests (tokens included) is held at INFO by
 * {@code stereospot-server-logging.xml}, which the app's logback configuration includes as this test's does. The
 * app's LogFileHygieneTest runs the same {@link SecretsWorkout} and reads the log file the app writes.
 */
class LogHygieneTest {

    @TempDir
    Path dataDir;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> previousLevels = new java.util.HashMap<>();

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(context);
        captured.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);
        for (String name : List.of("io.stereospot", "org.gaul.s3proxy")) {
            Logger logger = context.getLogger(name);
            previousLevels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void release() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        previousLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    @Test
    void noSecretOrTokenReachesTheLog() {
        SecretsWorkout.Result workout = SecretsWorkout.run(dataDir);

        List<String> lines = captured.list.stream().map(LogHygieneTest::everythingIn).toList();
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(20);
        assertThat(String.join("\n", lines)).as("the log names the key it refused")
                .contains(workout.refusedAccessKey()).contains("Refused");
        assertThat(String.join("\n", lines)).as("the log names the renewal and each refusal")
                .contains("Session " + workout.renewedSessionId() + " renewed its upload credentials")
                .contains("credential renewal refused (ANOTHER_SESSIONS_SECRET)")
                .contains("credential renewal refused (WRONG_SECRET)")
                .contains("credential renewal refused (ENDED)")
                .contains("end refused (WRONG_SECRET)");
        assertThat(lines).as("each refused request, in one line").anySatisfy(line -> assertThat(line)
                        .contains("POST /stream_sessions/" + workout.renewedSessionId() + "/end from ", "refused (401)"))
                .anySatisfy(line -> assertThat(line).contains("POST /stream_sessions from ", "refused (403)",
                        "does not accept that API key"))
                .anySatisfy(line -> assertThat(line).contains("POST /stream_sessions from ", "refused (401)",
                        "needs an API key"));
        List<String> leaks = lines.stream().filter(line -> workout.secrets().stream().anyMatch(line::contains)).toList();
        assertThat(leaks).as("log lines holding a secret or token").isEmpty();
    }

    /** The formatted message, raw arguments, MDC and the whole throwable chain of one event. */
    private static String everythingIn(ILoggingEvent event) {
        StringBuilder all = new StringBuilder(event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            for (Object argument : event.getArgumentArray()) {
                all.append(' ').append(argument);
            }
        }
        all.append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            all.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                all.append(' ').append(frame.getSTEAsString());
            }
        }
        return all.toString();
    }
}

package io.stereospot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereospot.contract.RenewedCredentials;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.iam.RootCredentials;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.MutableClock;
import io.stereospot.server.testing.SessionS3;
import io.stereospot.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Runs the server through everything it does (creates, uploads, every kind of refusal, expiry, bad requests, a
 * restart) with our code and S3Proxy logging at DEBUG, then reads every captured line: no secret access key, no
 * session token, no renewal secret and no root secret may appear in a message, an argument, an MDC value or a stack trace.
 *
 * <p>The one S3Proxy logger that prints canonical requests (tokens included) is held at INFO by
 * {@code stereospot-server-logging.xml}, which the app's logback configuration includes as this test's does.
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
    void noSecretOrTokenReachesTheLog() throws Exception {
        MutableClock clock = new MutableClock();
        ServerConfig config = TestServers.config(dataDir).clock(clock).build();
        List<String> secrets = new ArrayList<>();
        StreamSession a;
        try (StreamServer server = StreamServer.start(config)) {
            ApiClient api = new ApiClient(server.baseUrl());
            a = api.createSession();
            StreamSession b = api.createSession();
            for (UploadGrant grant : List.of(a.upload(), b.upload())) {
                secrets.add(grant.secretAccessKey());
                secrets.add(grant.sessionToken());
            }
            for (StreamSession s : List.of(a, b)) {
                String secret = s.renewal().secret();
                secrets.add(secret);
                secrets.add(secret.substring(secret.indexOf('.') + 1));
            }
            HttpResponse<String> renewed = api.renew(a.sessionId(), "Bearer " + a.renewal().secret());
            assertThat(renewed.statusCode()).isEqualTo(200);
            RenewedCredentials next = new ObjectMapper().readValue(renewed.body(), RenewedCredentials.class);
            secrets.add(next.upload().secretAccessKey());
            secrets.add(next.upload().sessionToken());
            api.renew(a.sessionId(), "Bearer " + b.renewal().secret());
            api.renew(a.sessionId(), "Bearer " + a.renewal().secret() + "x");
            api.renew(a.sessionId(), null);
            RootCredentials root = RootCredentials.loadOrCreate(dataDir);
            secrets.add(root.secretAccessKey());

            String key = a.upload().keyPrefix() + "chunk_00000.mp4";
            try (S3Client asA = SessionS3.client(a.upload());
                    S3Client wrongSecret = SessionS3.client(a.upload(), b.upload().secretAccessKey(),
                            a.upload().sessionToken());
                    S3Client wrongToken = SessionS3.client(a.upload(), a.upload().secretAccessKey(),
                            b.upload().sessionToken())) {
                asA.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("chunk"));
                refused(() -> asA.putObject(r -> r.bucket("stereospot").key(b.upload().keyPrefix() + "chunk_00000.mp4"),
                        RequestBody.fromString("x")));
                refused(() -> asA.getObjectAsBytes(r -> r.bucket("stereospot").key(key)));
                refused(() -> wrongSecret.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("x")));
                refused(() -> wrongToken.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("x")));
                clock.advance(Duration.ofHours(2));
                refused(() -> asA.putObject(r -> r.bucket("stereospot").key(key), RequestBody.fromString("x")));
            }
            try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(server.stsEndpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            root.accessKeyId(), root.secretAccessKey() + "wrong")))
                    .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(s -> s.maxAttempts(1)))
                    .build()) {
                assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/x")
                        .roleSessionName("xx"))).isInstanceOf(StsException.class);
            }
            api.send("POST", "/stream_sessions", "{\"mode\":\"3d\"}");
            api.send("POST", "/stream_sessions", "{");
            api.send("POST", "/stream_sessions/" + a.sessionId() + "/end", "{}");
            api.renew(a.sessionId(), "Bearer " + a.renewal().secret());
            api.send("POST", "/stream_sessions/nope/end", null);
        }
        try (StreamServer restarted = StreamServer.start(config)) {
            new ApiClient(restarted.baseUrl()).send("POST", "/stream_sessions/" + a.sessionId() + "/end", null);
        }

        List<String> lines = captured.list.stream().map(LogHygieneTest::everythingIn).toList();
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(20);
        assertThat(String.join("\n", lines)).as("the log names the key it refused")
                .contains(a.upload().accessKeyId()).contains("Refused");
        assertThat(String.join("\n", lines)).as("the log names each renewal and refusal")
                .contains("Session " + a.sessionId() + " renewed its upload credentials")
                .contains("credential renewal refused (ANOTHER_SESSIONS_SECRET)")
                .contains("credential renewal refused (WRONG_SECRET)")
                .contains("credential renewal refused (ENDED)");
        List<String> leaks = lines.stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
        assertThat(leaks).as("log lines holding a secret or token").isEmpty();
    }

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(S3Exception.class);
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

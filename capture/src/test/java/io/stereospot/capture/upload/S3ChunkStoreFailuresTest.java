package io.stereospot.capture.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.store.StoreFault;
import io.stereospot.server.store.StoreFaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which failed PUTs are worth another attempt, through the real AWS SDK against the embedded store answering each
 * error: the store busy or failing, and the server gone, are retried (an outage is waited out); a refusal of the
 * credentials or of the request itself is final at once, since the same request would be refused again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3ChunkStoreFailuresTest {

    private final AtomicReference<StoreFault> fault = new AtomicReference<>();
    private StreamServer server;
    private StreamSession session;
    private Path chunk;

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        StoreFaults answers = (key, size) -> fault.get();
        server = StreamServer.start(answers.installedIn(ServerConfig.builder().port(0), dir.resolve("data"))
                .converter(ConverterSettings.copy()).build());
        session = new SessionClient(server.baseUrl()).create("sbs");
        chunk = Files.write(dir.resolve("chunk_00000.mp4"), new byte[10_000]);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(StoreFault.slowDown(), true, "the store answered 503 SlowDown (Please reduce your"
                        + " request rate.)"),
                Arguments.of(StoreFault.internalError(), true, "the store answered 500 InternalError (We"
                        + " encountered an internal error. Please try again.)"),
                Arguments.of(new StoreFault(429, "TooManyRequests", "Slow down."), true,
                        "the store answered 429 TooManyRequests (Slow down.)"),
                Arguments.of(StoreFault.accessDenied(), false, "the store refused the upload credentials (403"
                        + " AccessDenied: Access Denied)"),
                Arguments.of(new StoreFault(400, "InvalidArgument", "Bad request."), false,
                        "the store answered 400 InvalidArgument (Bad request.)"));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void eachAnswerIsRetriedOrFinal(StoreFault answer, boolean retryable, String reason) {
        fault.set(answer);
        try (S3ChunkStore store = new S3ChunkStore(session.sessionId(), session.upload())) {
            UploadAttemptException e = catchThrowableOfType(UploadAttemptException.class, () -> store.put(0, chunk));
            assertThat(e).as("refused").isNotNull();
            assertThat(e.getMessage()).isEqualTo(reason);
            assertThat(e.retryable()).isEqualTo(retryable);
        }
    }

    /** Last: it stops the server. */
    @Order(2)
    @Test
    void aServerThatIsGoneIsWorthAnotherAttempt() {
        fault.set(null);
        try (S3ChunkStore store = new S3ChunkStore(session.sessionId(), session.upload())) {
            store.put(0, chunk);
            server.close();
            UploadAttemptException e = catchThrowableOfType(UploadAttemptException.class, () -> store.put(0, chunk));
            assertThat(e.getMessage()).startsWith("the store could not be reached (");
            assertThat(e.retryable()).isTrue();
        } catch (UploadAttemptException e) {
            throw new AssertionError("The first PUT, to a server that runs, failed", e);
        } finally {
            server = null;
        }
    }
}

package io.stereospot.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness, short: 5 streams of 3 real chunks each with 5 players against one real server (copy converter).
 * Nothing acknowledged may be lost, every playlist must end complete and in order, and every credential the run
 * minted must be refused everywhere but its own prefix. The full runs (5 minutes, up to 40 streams) are
 * {@code scripts/load-test.sh}, with their figures in {@code docs/reliability.md}.
 */
class LoadRunTest {

    @TempDir
    Path dir;

    @Test
    void fiveStreamsLoseNothingAndNoCredentialReachesAnotherSession() throws Exception {
        List<Path> chunks = LoadHarness.chunks(dir.resolve("chunks"), "640x360");
        Path data = dir.resolve("data");
        try (StreamServer server = TestServers.withConverter(data, ConverterSettings.copy())) {
            LoadOptions options = new LoadOptions(5, 5, Duration.ofSeconds(15), Duration.ofSeconds(5),
                    server.baseUrl(), OptionalLong.empty(), Optional.of(TestServers.storeRoot(data)), Duration.ofMinutes(2));

            LoadResult result = new LoadRun(options, chunks).run();

            System.out.println(LoadResult.tableHeader() + "\n" + result.tableRow() + "\n" + result.details());
            assertThat(result.streamFailures()).isEmpty();
            assertThat(result.acknowledged()).isEqualTo(15);
            assertThat(result.lost()).isZero();
            assertThat(result.checks()).allSatisfy(check -> {
                assertThat(check.ended()).as("ENDLIST for %s", check.sessionId()).isTrue();
                assertThat(check.contiguous()).as("segments of %s in order", check.sessionId()).isTrue();
                assertThat(check.segments()).hasSize(3);
            });
            assertThat(result.playerErrors()).isZero();
            assertThat(result.players()).allSatisfy(p -> assertThat(p.segmentsFetched()).isEqualTo(3));

            CrossSessionAudit.Result audit = result.audit();
            // 4 other prefixes + 6 non-PUT methods + 2 forged signatures, for each of the 5 sessions.
            assertThat(audit.requests()).isEqualTo(5 * (4 + 6 + 2));
            assertThat(audit.accepted()).isEmpty();
            assertThat(audit.unexpectedFiles()).isEmpty();
            assertThat(audit.controlsAccepted()).isEqualTo(5);
            assertThat(audit.refusalsByCode()).containsKeys("AccessDenied", "SignatureDoesNotMatch", "InvalidToken");
        }
    }
}

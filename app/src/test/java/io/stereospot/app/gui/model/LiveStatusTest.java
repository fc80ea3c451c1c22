package io.stereospot.app.gui.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.testing.MutableClock;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.StopReason;
import io.stereospot.contract.RenewalGrant;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class LiveStatusTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String URL = "http://127.0.0.1:8471/stream/0b7c/playlist.m3u8";

    private final MutableClock clock = new MutableClock(Clock.fixed(T0, ZoneOffset.UTC));
    private final ObjectProperty<StreamPhase> phase = new SimpleObjectProperty<>(StreamPhase.IDLE);
    private final List<Banner> banners = new ArrayList<>();
    private final LiveStatus status = new LiveStatus(clock, phase, banners::add);

    @Test
    void theStatusLineFollowsThePhaseAndTheChunks() {
        assertThat(status.statusTextProperty().get()).as("before the first broadcast").isEmpty();
        status.begin(5000);
        phase.set(StreamPhase.STARTING);
        assertThat(status.statusTextProperty().get()).isEqualTo("Starting…");

        status.live(true);
        phase.set(StreamPhase.STREAMING);
        assertThat(status.statusTextProperty().get()).isEqualTo("Streaming… recording the first chunk");
        status.chunk(0, 800_000, 1200);
        status.chunk(1, 800_000, 1200);
        assertThat(status.statusTextProperty().get()).isEqualTo("Streaming… chunk 2");

        phase.set(StreamPhase.STOPPING);
        assertThat(status.statusTextProperty().get()).isEqualTo("Stopping: uploading the last chunk…");
        status.chunk(2, 400_000, 900);
        assertThat(status.statusTextProperty().get()).as("chunks while stopping").isEqualTo(
                "Stopping: uploading the last chunk…");
    }

    @Test
    void goingLiveShowsTheClockAndWaitsForTheFirstChunk() {
        status.begin(5000);
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        assertThat(status.elapsedTextProperty().get()).isEqualTo("00:00");
        assertThat(status.healthTextProperty().get()).isEqualTo("Uploads: waiting for the first chunk (every 5 s)");

        status.encoder(new EncoderProgress(60, 30, 0.5, 0, 0, 2000));
        assertThat(status.healthTextProperty().get()).as("speed alone says nothing before a chunk")
                .isEqualTo("Uploads: waiting for the first chunk (every 5 s)");
        status.chunk(0, 1_250_000, 1500);
        assertThat(status.healthTextProperty().get())
                .isEqualTo("Uploads healthy: last chunk 1.3 MB, online 1.50 s after it was recorded"
                        + " · encoder slow (0.50× real time)");
        status.encoder(new EncoderProgress(120, 30, 1.0, 0, 0, 4000));
        assertThat(status.healthTextProperty().get())
                .isEqualTo("Uploads healthy: last chunk 1.3 MB, online 1.50 s after it was recorded");
    }

    @Test
    void theHealthLineSaysHowFarBehindTheScreenViewersAre() {
        status.begin(5000);
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        status.chunk(3, 1_000_000, 1000);
        String uploads = "Uploads healthy: last chunk 1.0 MB, online 1.00 s after it was recorded";
        status.conversion(new SessionStatus("id", SessionStatus.LIVE, 0, 0, 0, 0, List.of(), null, null));
        assertThat(status.healthTextProperty().get()).as("no segment yet").isEqualTo(uploads);

        status.conversion(new SessionStatus("id", SessionStatus.LIVE, 4, 4, 0, 0, List.of(), null, 6.6));
        assertThat(status.healthTextProperty().get()).isEqualTo("Viewers about 7 s behind your screen · " + uploads);
    }

    @Test
    void theHealthLineSaysWhenAChunkIsShownFlatAndWhenConversionFallsBehind() {
        status.begin(5000);
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        status.chunk(12, 1_000_000, 1000);
        String uploads = "Uploads healthy: last chunk 1.0 MB, online 1.00 s after it was recorded";
        status.conversion(new SessionStatus("id", SessionStatus.LIVE, 13, 12, 1, 5.0, List.of(), null));
        assertThat(status.healthTextProperty().get()).as("one chunk converting is no lag").isEqualTo(uploads);

        status.conversion(new SessionStatus("id", SessionStatus.LIVE, 14, 13, 1, 5.0, List.of(12),
                "The converter command exited with status 1: out of memory"));
        assertThat(status.healthTextProperty().get())
                .isEqualTo("3D conversion failed for chunk 12; it is shown flat · " + uploads);
        status.chunk(13, 1_000_000, 1000);
        assertThat(status.healthTextProperty().get()).as("it stays with the next chunk")
                .startsWith("3D conversion failed for chunk 12; it is shown flat · Uploads healthy");

        status.conversion(new SessionStatus("id", SessionStatus.LIVE, 17, 13, 4, 20.0, List.of(12), null));
        assertThat(status.healthTextProperty().get()).isEqualTo("3D conversion failed for chunk 12; it is shown flat"
                + " · 3D conversion 20 s behind (4 chunks waiting) · " + uploads);

        status.begin(5000);
        status.live(true);
        assertThat(status.healthTextProperty().get()).as("a new broadcast starts clean")
                .isEqualTo("Uploads: waiting for the first chunk (every 5 s)");
    }

    @Test
    void goingLiveAfterStopWasPressedShowsNoFigures() {
        status.begin(5000);
        phase.set(StreamPhase.STOPPING);
        status.live(false);
        assertThat(status.elapsedTextProperty().get()).isEmpty();
        assertThat(status.healthTextProperty().get()).isEmpty();
    }

    @Test
    void theClockTicksOnlyWhileStreaming() {
        status.begin(5000);
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        clock.advance(Duration.ofSeconds(247));
        status.tick();
        assertThat(status.elapsedTextProperty().get()).isEqualTo("04:07");

        phase.set(StreamPhase.STOPPING);
        clock.advance(Duration.ofSeconds(10));
        status.tick();
        assertThat(status.elapsedTextProperty().get()).as("frozen while stopping").isEqualTo("04:07");
    }

    @Test
    void anOutageShowsInTheHealthLineUntilTheServerAnswersAgain() {
        status.begin(5000);
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        status.chunk(0, 1_250_000, 1500);

        status.uploadsWaiting(Duration.ofMillis(12_400), 3);
        assertThat(status.healthTextProperty().get()).isEqualTo("Server unreachable: 12 s, 3 chunks waiting");
        status.encoder(new EncoderProgress(600, 30, 1.0, 0, 0, 20_000));
        assertThat(status.healthTextProperty().get()).as("the encoder's report does not hide it")
                .isEqualTo("Server unreachable: 12 s, 3 chunks waiting");
        status.uploadsWaiting(Duration.ofSeconds(13), 1);
        assertThat(status.healthTextProperty().get()).isEqualTo("Server unreachable: 13 s, 1 chunk waiting");
        assertThat(status.statusTextProperty().get()).as("capture goes on").isEqualTo("Streaming… chunk 1");

        status.uploadsRecovered(Duration.ofSeconds(34), 6);
        assertThat(status.healthTextProperty().get())
                .isEqualTo("Uploads healthy: last chunk 1.3 MB, online 1.50 s after it was recorded");
        assertThat(banners).containsExactly(Banner.info("Server reachable again after 34 s: uploading 6 waiting"
                + " chunks."));
        status.chunk(1, 1_000_000, 30_000);
        assertThat(status.healthTextProperty().get()).startsWith("Uploads falling behind");
    }

    @Test
    void aNewBroadcastForgetsTheLastOnesOutage() {
        status.begin(5000);
        status.live(true);
        status.uploadsWaiting(Duration.ofSeconds(40), 8);
        status.ended(BroadcastState.FAILED, StopReason.UPLOAD_FAILED);
        assertThat(status.healthTextProperty().get()).isEmpty();
        status.begin(5000);
        status.live(true);
        status.chunk(0, 500_000, 800);
        assertThat(status.healthTextProperty().get()).startsWith("Uploads healthy");
    }

    @Test
    void anExpiryNotRenewedIsAnnouncedOncePerMinuteInTheLastTenMinutes() {
        status.begin(5000);
        status.session(session(T0.plus(Duration.ofHours(1))));
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        assertThat(status.playlistUrlProperty().get()).isEqualTo(URL);

        clock.advance(Duration.ofMinutes(49));
        status.tick();
        assertThat(banners).isEmpty();
        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        status.tick();
        status.tick();
        clock.advance(Duration.ofMinutes(1));
        status.tick();
        assertThat(banners).containsExactly(
                Banner.warning("The upload credentials expire in 10 minutes: the stream stops shortly before"),
                Banner.warning("The upload credentials expire in 9 minutes: the stream stops shortly before"));
    }

    @Test
    void renewedCredentialsMeanNoLimitIsMentioned() {
        status.begin(5000);
        status.session(new StreamSession("0b7c", URL, grant(T0.plus(Duration.ofHours(1)).toString()),
                new RenewalGrant("0b7c.secret", "http://127.0.0.1:8470/stream_sessions/0b7c/credentials")));
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        for (int minute = 0; minute < 180; minute++) {
            clock.advance(Duration.ofMinutes(1));
            status.tick();
        }
        assertThat(status.elapsedTextProperty().get()).isEqualTo("3:00:00");
        assertThat(banners).isEmpty();
    }

    @Test
    void theWatchPageComesWithThePlaylistAndGoesAtTheNextStart() {
        String id = "dc81e57f-62a8-4d0b-ac94-7e4c5cd97851";
        status.begin(5000);
        status.session(new StreamSession(id, "http://192.168.1.20:8470/stream/" + id + "/playlist.m3u8",
                grant(T0.plus(Duration.ofHours(1)).toString())));
        assertThat(status.watchUrlProperty().get()).isEqualTo("http://192.168.1.20:8470/watch/" + id);
        status.begin(5000);
        assertThat(status.watchUrlProperty().get()).isEmpty();
        status.session(new StreamSession("0b7c", URL, grant(T0.plus(Duration.ofHours(1)).toString())));
        assertThat(status.watchUrlProperty().get()).as("no session id, no page").isEmpty();
        assertThat(status.playlistUrlProperty().get()).isEqualTo(URL);
    }

    @Test
    void anUnreadableExpiryMeansNoCountdown() {
        status.begin(5000);
        status.session(new StreamSession("0b7c", URL, grant("soon")));
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        clock.advance(Duration.ofMinutes(55));
        status.tick();
        assertThat(banners).isEmpty();
        assertThat(status.playlistUrlProperty().get()).isEqualTo(URL);
    }

    @Test
    void theEndSaysHowItWent() {
        streamThreeChunksFor(Duration.ofSeconds(247));
        status.ended(BroadcastState.STOPPED, StopReason.USER_REQUESTED);
        phase.set(StreamPhase.IDLE);
        assertThat(status.statusTextProperty().get()).isEqualTo("Stopped after 04:07 · 3 chunks uploaded");
        assertThat(status.elapsedTextProperty().get()).isEmpty();
        assertThat(status.healthTextProperty().get()).isEmpty();
        assertThat(status.playlistUrlProperty().get()).as("the URL stays").isEqualTo(URL);
        assertThat(banners).isEmpty();

        streamThreeChunksFor(Duration.ofSeconds(20));
        status.ended(BroadcastState.FAILED, StopReason.SOURCE_LOST);
        phase.set(StreamPhase.IDLE);
        assertThat(status.statusTextProperty().get()).isEqualTo("Stopped by a problem after 3 chunks");

        status.begin(5000);
        assertThat(status.playlistUrlProperty().get()).as("a new start forgets the old URL").isEmpty();
        status.ended(BroadcastState.FAILED, StopReason.SERVER_UNREACHABLE);
        assertThat(status.statusTextProperty().get()).isEqualTo("Not streaming");
    }

    @Test
    void theEndAtTheExpirySaysAStartGivesANewStream() {
        streamThreeChunksFor(Duration.ofMinutes(59).plusSeconds(30));
        status.ended(BroadcastState.STOPPED, StopReason.CREDENTIALS_EXPIRING);
        assertThat(banners).containsExactly(Banner.info("The stream stopped because its upload credentials expired. "
                + "Press Start streaming for a new one (it gets a new URL)."));
    }

    @Test
    void theEndAtTheSessionsQuotaSaysWhyAndThatTheStreamStaysPlayable() {
        streamThreeChunksFor(Duration.ofMinutes(10));
        status.ended(BroadcastState.STOPPED, StopReason.SESSION_QUOTA_REACHED);
        assertThat(banners).containsExactly(Banner.info("The stream stopped because the server's upload quota for it"
                + " is used up; everything uploaded stays playable. Press Start streaming for a new one (it gets a"
                + " new URL)."));
    }

    private void streamThreeChunksFor(Duration length) {
        status.begin(5000);
        status.session(session(clock.instant().plus(Duration.ofHours(1))));
        status.live(true);
        phase.set(StreamPhase.STREAMING);
        for (int i = 0; i < 3; i++) {
            status.chunk(i, 500_000, 800);
        }
        clock.advance(length);
    }

    private static StreamSession session(Instant expiresAt) {
        return new StreamSession("0b7c", URL, grant(expiresAt.toString()));
    }

    private static UploadGrant grant(String expiresAt) {
        return new UploadGrant("AKIATEST", "secret", "token", "stereospot", "us-east-1", null,
                "stream_input/0b7c/", expiresAt);
    }
}

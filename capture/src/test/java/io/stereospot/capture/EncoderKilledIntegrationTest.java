package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg killed with SIGKILL in the middle of a real broadcast (Xvfb capture, uploads to the local server): the
 * broadcast fails with a sentence that says so, the chunks FFmpeg had finished are uploaded, the one it was writing
 * is not, and the session is ended.
 */
class EncoderKilledIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderKilledIntegrationTest.class);
    private static final long CHUNK_MS = 2000;
    private static final double FRAME_S = 1.0 / 30;

    @Test
    void aKilledEncoderFailsTheBroadcastWithASentenceAfterUploadingEveryFinishedChunk(@TempDir Path dir)
            throws Exception {
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360);
             StreamServer server = StreamServer.start(ServerConfig.builder().port(0)
                     .converter(ConverterSettings.copy()).dataDir(dir.resolve("data")).build())) {
            desktop.openMovingWindow("moving", 0, 0, 640, 360);
            SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
            Path spool = dir.resolve("spool");
            CaptureSettings settings = new CaptureSettings(catalog.find("screen:0").orElseThrow(), Resolution.P720,
                    false, false, 30, CHUNK_MS, spool, "sbs", null);
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server.baseUrl()), events)
                    .catalog(catalog).build();
            broadcast.start();
            Await.until(() -> events.uploaded(1) || broadcast.state().isTerminal(), Duration.ofSeconds(60),
                    "chunk 1 uploaded");
            assertThat(broadcast.state()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.LIVE);

            ProcessHandle ffmpeg = onlyFfmpegWritingInto(spool);
            long framesAtKill = broadcast.encoderProgress().map(EncoderProgress::frames).orElse(-1L);
            assertThat(ffmpeg.destroyForcibly()).as("SIGKILL sent").isTrue();
            BroadcastState end = broadcast.termination().get(60, TimeUnit.SECONDS);

            String sentence = "FFmpeg stopped unexpectedly (killed by signal 9, SIGKILL), so the broadcast stopped.";
            assertThat(end).isEqualTo(BroadcastState.FAILED);
            assertThat(broadcast.stopReason()).contains(StopReason.ENCODER_FAILED);
            assertThat(broadcast.failureMessage()).contains(sentence);
            assertThat(events.failures).containsExactly(
                    new RecordingListener.Failure(StopReason.ENCODER_FAILED, sentence));
            assertThat(events.states).containsExactly(BroadcastState.STARTING, BroadcastState.LIVE,
                    BroadcastState.STOPPING, BroadcastState.FAILED);

            String sessionId = events.sessions.get(0).sessionId();
            List<Integer> stored = StoreContents.chunkIndices(server, sessionId);
            LOG.info("FIGURES FFmpeg killed at frame {} after chunk 1 was uploaded; stored {}; sentence: {}",
                    framesAtKill, stored, broadcast.failureMessage().orElse(""));
            assertThat(stored).as("contiguous from 0, at least the chunks uploaded before the kill")
                    .isEqualTo(IntStream.range(0, stored.size()).boxed().toList()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(events.uploadedIndices()).as("acknowledged in order, each once").isEqualTo(stored);
            // Every stored chunk is a whole one (the last included): the chunk FFmpeg was writing is not among them.
            for (int index : stored) {
                Path chunk = StoreContents.chunkFile(server, sessionId, index);
                ChunkProbe.Streams s = ChunkProbe.streams(chunk);
                String what = "chunk " + index + " " + s;
                assertThat(s.videoCodec()).as(what).isEqualTo("h264");
                assertThat(s.audioCodec()).as(what).isEqualTo("aac");
                assertThat(ChunkProbe.startsWithKeyframe(chunk)).as(what + " starts with a keyframe").isTrue();
                assertThat(s.videoDuration()).as(what + " is whole: 2.0 s ± a frame")
                        .isCloseTo(CHUNK_MS / 1000.0, within(FRAME_S + 0.001));
            }
            assertThat(StoreContents.sessionRecord(server, sessionId)).as("session ended")
                    .matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");
            assertThat(ffmpeg.isAlive()).isFalse();
        }
    }

    /** The one FFmpeg this JVM runs that writes chunks into {@code spool} (the desktop's helpers are not it). */
    private static ProcessHandle onlyFfmpegWritingInto(Path spool) {
        List<ProcessHandle> found = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("ffmpeg")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.stream(a).anyMatch(arg -> arg.contains(
                        spool.toString()))).orElse(false))
                .toList();
        assertThat(found).as("FFmpeg processes writing into %s", spool).hasSize(1);
        return found.get(0);
    }
}

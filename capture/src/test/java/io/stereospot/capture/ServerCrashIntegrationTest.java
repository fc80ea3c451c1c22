package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.capture.testing.PlaylistReader;
import io.stereospot.capture.testing.RecordingListener;
import io.stereospot.capture.testing.ServerProcess;
import io.stereospot.capture.testing.StoreContents;
import io.stereospot.capture.upload.RetryPolicy;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.StreamSession;
import io.stereospot.media.testenv.Await;
import io.stereospot.media.testenv.TestDesktop;
import io.stereospot.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream server killed with SIGKILL in the middle of a real broadcast (Xvfb capture, FFmpeg, the default client
 * settings: {@link RetryPolicy#DEFAULT}, {@link SpoolLimit#DEFAULT}), as a crash, a restart or a Wi-Fi hiccup would
 * take it away.
 *
 * <p>The server runs in a JVM of its own so the kill is real. In the first case it comes back about 10 s later on
 * the same data dir and ports, as a supervisor would restart it: in its first life it converts like {@code copy}
 * until the test closes a gate; from then chunks are stored but wait for conversion, so at the kill some
 * acknowledged chunks have no segment yet and the restarted server (plain {@code copy}) must pick them up. The kill
 * comes about half a second before FFmpeg finishes the next chunk (by its frame count), so that chunk's PUTs meet a
 * server that is down. In the second case the server stays away until the broadcast has given up.
 */
class ServerCrashIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCrashIntegrationTest.class);
    private static final long CHUNK_MS = 2000;
    private static final int FPS = 30;
    private static final int FRAMES_PER_CHUNK = (int) (FPS * CHUNK_MS / 1000);
    /** Chunks 0..3 acknowledged before the kill; 0 and 1 converted, the rest held at the gate. */
    private static final int CONVERTED_BEFORE_GATE = 2;
    private static final int ACKED_BEFORE_KILL = 4;
    /** How long the server stays away before its restart begins (the restart itself takes 3-11 s more here). */
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final double FRAME_S = 1.0 / FPS;
    private static final String BUCKET = ServerConfig.DEFAULT_BUCKET;


    @Test
    void aServerKilledAndBackTenSecondsLaterIsRiddenOutWithTheDefaultSettings(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path gate = dir.resolve("conversion-gate");
        int port = ServerProcess.freePorts();
        // copy, except that while the gate file exists a chunk waits (the program is killed with the server)
        String gatedCopy = "sh -c 'while [ -e \"$3\" ]; do sleep 0.05; done; exec cp \"$1\" \"$2\"' gated-copy"
                + " {input} {output} '" + gate + "'";
        ServerProcess first = ServerProcess.start(data, port, gatedCopy, dir.resolve("server"), Duration.ofSeconds(60));
        ServerProcess second = null;
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360)) {
            AckLedger events = new AckLedger(data);
            Broadcast broadcast = broadcast(desktop, dir, first, events, SpoolLimit.DEFAULT);
            broadcast.start();

            // Beside the stream: a session ended before the crash and one left open across it.
            SessionClient api = new SessionClient(first.baseUrl());
            StreamSession endedSession = api.create("sbs");
            String endedBefore = endedSession.sessionId();
            api.end(endedBefore, endedSession.renewal());
            StreamSession openSession = api.create("sbs");
            String openAcross = openSession.sessionId();
            String endedRecord = Files.readString(record(data, endedBefore));
            assertThat(endedRecord).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");

            StreamSession session = Await.value(() -> events.sessions.isEmpty() ? null : events.sessions.get(0),
                    Duration.ofSeconds(30), "the session");
            String id = session.sessionId();
            URI playlistUrl = URI.create(session.playlistUrl());
            Await.until(() -> PlaylistReader.indices(PlaylistReader.text(playlistUrl)).size() >= CONVERTED_BEFORE_GATE
                    || broadcast.state().isTerminal(),
                    Duration.ofSeconds(60), "segments 0 and 1 listed");
            Files.createFile(gate);
            Await.until(() -> events.uploaded(ACKED_BEFORE_KILL - 1) || broadcast.state().isTerminal(),
                    Duration.ofSeconds(60), "chunk " + (ACKED_BEFORE_KILL - 1) + " uploaded");
            // Half a second before FFmpeg completes the next chunk, by its own frame count.
            long killFrame = (long) (ACKED_BEFORE_KILL + 1) * FRAMES_PER_CHUNK - FPS / 2;
            Await.until(() -> broadcast.encoderProgress().map(p -> p.frames() >= killFrame).orElse(false)
                    || broadcast.state().isTerminal(), Duration.ofSeconds(30), "frame " + killFrame);
            assertThat(broadcast.state()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.LIVE);
            String playlistBefore = PlaylistReader.text(playlistUrl);

            long killedAt = System.nanoTime();
            first.kill();
            int ackedAtKill = broadcast.chunksUploaded();
            List<Integer> storedAtKill = StoreContents.chunkIndices(data, BUCKET, id);
            List<Integer> listedAtKill = PlaylistReader.indices(playlistBefore);
            // The outage is the scenario: the broadcast itself says how long the server has been away.
            Await.until(() -> events.waiting.stream().anyMatch(w -> w.unreachableFor().compareTo(OUTAGE) >= 0)
                    || broadcast.state().isTerminal(), OUTAGE.plusSeconds(20), "the server away for " + OUTAGE);
            assertThat(broadcast.state()).as("%s", broadcast.failureMessage()).isEqualTo(BroadcastState.LIVE);
            long restartAt = System.nanoTime();
            second = ServerProcess.start(data, port, null, dir.resolve("server"), Duration.ofSeconds(60));
            long downMs = (System.nanoTime() - killedAt) / 1_000_000;
            LOG.info("Killed at {} acknowledged chunks ({} stored, {} listed); restarted {} ms after the kill; the"
                    + " server was away {} ms (JVM start {} ms)", ackedAtKill, storedAtKill, listedAtKill,
                    (restartAt - killedAt) / 1_000_000, downMs, second.startMs());
            assertThat(second.baseUrl()).as("the same address, so the same playlist URL").isEqualTo(first.baseUrl());
            assertThat(ackedAtKill).isGreaterThanOrEqualTo(ACKED_BEFORE_KILL);
            assertThat(storedAtKill.size()).as("stored chunks waiting for conversion at the kill")
                    .isGreaterThan(listedAtKill.size());

            // The client rides the outage out: the waiting chunks arrive in order once the server answers.
            int rideOutIndex = ackedAtKill + 2;
            Await.until(() -> broadcast.state().isTerminal() || events.uploaded(rideOutIndex), Duration.ofSeconds(90),
                    "chunk " + rideOutIndex + " uploaded or the broadcast over");
            assertThat(broadcast.state()).as("rode it out: %s", broadcast.failureMessage())
                    .isEqualTo(BroadcastState.LIVE);
            long recoveredMs = (System.nanoTime() - killedAt) / 1_000_000;
            int mostWaiting = events.waiting.stream().mapToInt(RecordingListener.Outage::chunksWaiting).max()
                    .orElse(0);
            BroadcastState end = broadcast.stop();
            List<Integer> stored = StoreContents.chunkIndices(data, BUCKET, id);
            LOG.info("Rode it out: chunk {} stored {} ms after the kill; at most {} chunks waited; recovered {};"
                    + " warnings {}", rideOutIndex, recoveredMs, mostWaiting, events.recovered, events.warnings);
            assertThat(events.warnings).as("PUTs failed while the server was down")
                    .anyMatch(w -> w.matches("Upload of chunk \\d+ failed \\(attempt 1 of 3\\): the store could not"
                            + " be reached .*"));
            assertThat(events.waiting).as("told once a second while it lasted").hasSizeGreaterThan(5);
            assertThat(mostWaiting).as("capture went on: chunks waited in the spool")
                    .isGreaterThanOrEqualTo((int) (OUTAGE.toMillis() / CHUNK_MS));
            assertThat(events.recovered).as("the recovery, told once").hasSize(1);
            assertThat(events.recovered.get(0).unreachableFor()).isGreaterThanOrEqualTo(OUTAGE);

            assertThat(end).isEqualTo(BroadcastState.STOPPED);
            assertThat(broadcast.stopReason()).contains(StopReason.USER_REQUESTED);
            assertThat(events.failures).isEmpty();
            int acked = events.uploads.size();
            assertThat(events.uploadedIndices()).as("acknowledged strictly in order, each once")
                    .isEqualTo(IntStream.range(0, acked).boxed().toList());
            assertThat(stored).as("contiguous from 0, no gap: 0 chunks lost").isEqualTo(
                    IntStream.range(0, acked).boxed().toList());
            assertThat(stored.size()).isGreaterThan(rideOutIndex);
            assertThat(Files.readString(record(data, id))).as("the stream's session ended")
                    .matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");

            // Every acknowledged chunk is there, byte for byte what was stored when it was acknowledged.
            assertThat(events.acks.keySet()).containsExactlyInAnyOrderElementsOf(events.uploadedIndices());
            for (int index : events.uploadedIndices()) {
                Path file = StoreContents.objectFile(data, BUCKET, ObjectKeys.chunk(id, index));
                Ack ack = events.acks.get(index);
                assertThat(ack.storedBytes()).as("chunk %d: stored size = the size the client sent", index)
                        .isEqualTo(ack.sentBytes());
                assertThat(sha256(file)).as("chunk %d unchanged since its acknowledgement", index)
                        .isEqualTo(ack.sha256());
                ChunkProbe.Streams s = ChunkProbe.streams(file);
                assertThat(s.videoCodec()).as("chunk %d %s", index, s).isEqualTo("h264");
                if (index < stored.size() - 1) {
                    assertThat(s.videoDuration()).as("chunk %d %s", index, s).isCloseTo(2.0, within(FRAME_S + 0.001));
                }
            }

            // The restarted server converts what waited, continues the playlist at the same URL and closes it.
            String finalPlaylist = Await.value("the playlist to end", () -> PlaylistReader.text(playlistUrl),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
            List<Integer> listed = PlaylistReader.indices(finalPlaylist);
            assertThat(listed).as("every chunk listed, contiguous from 0").isEqualTo(stored);
            assertThat(listed.subList(0, listedAtKill.size())).as("continues where it stopped")
                    .isEqualTo(listedAtKill);
            for (int index : stored) {
                assertThat(Files.mismatch(StoreContents.objectFile(data, BUCKET, ObjectKeys.chunk(id, index)),
                        StoreContents.objectFile(data, BUCKET, ObjectKeys.segment(id, index))))
                        .as("segment %d is the copied chunk", index).isEqualTo(-1L);
            }

            // The other sessions kept their state: the ended one stays ended, the open one can still be ended.
            SessionClient restarted = new SessionClient(second.baseUrl());
            assertThat(Files.readString(record(data, endedBefore))).isEqualTo(endedRecord);
            restarted.end(endedBefore, endedSession.renewal());
            assertThat(Files.readString(record(data, endedBefore))).as("ending again changes nothing")
                    .isEqualTo(endedRecord);
            assertThat(Files.readString(record(data, openAcross))).doesNotContainPattern("\"ended_at\"\\s*:\\s*\"");
            restarted.end(openAcross, openSession.renewal());
            assertThat(Files.readString(record(data, openAcross))).matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");

            LOG.info("FIGURES restart: kill at {} acknowledged chunks ({} stored, {} converted); server away {} ms"
                    + " (JVM start {} ms); chunk {} stored {} ms after the kill; at most {} chunks waited; {};"
                    + " final {} chunks, {} listed, ENDLIST", ackedAtKill, storedAtKill.size(), listedAtKill.size(),
                    downMs, second.startMs(), rideOutIndex, recoveredMs, mostWaiting,
                    OutageTexts.recovered(events.recovered.get(0).unreachableFor(),
                            events.recovered.get(0).chunksWaiting()), stored.size(), listed.size());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /**
     * The server does not come back in time: once chunks have waited longer than the spool keeps (scaled to 12 s
     * here from the default 2 min; the retry policy is the default), the broadcast stops with a sentence, nothing
     * after the waiting chunk is sent, and the session is ended as soon as the server answers again.
     */
    @Test
    void aServerThatStaysAwayStopsTheBroadcastCleanlyAndItsSessionEndsOnceItIsBack(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        int port = ServerProcess.freePorts();
        SpoolLimit spool = new SpoolLimit(Duration.ofSeconds(12), SpoolLimit.DEFAULT.maxBytes());
        ServerProcess first = ServerProcess.start(data, port, null, dir.resolve("server"), Duration.ofSeconds(60));
        ServerProcess second = null;
        try (TestDesktop desktop = TestDesktop.start(dir.resolve("desktop"), 640, 360)) {
            RecordingListener events = new RecordingListener();
            Broadcast broadcast = broadcast(desktop, dir, first, events, spool);
            broadcast.start();
            Await.until(() -> events.uploaded(1) || broadcast.state().isTerminal(), Duration.ofSeconds(60),
                    "chunk 1 uploaded");
            String id = events.sessions.get(0).sessionId();
            URI playlistUrl = URI.create(events.sessions.get(0).playlistUrl());

            long killedAt = System.nanoTime();
            first.kill();
            Await.until(() -> broadcast.stopReason().isPresent(), Duration.ofSeconds(40),
                    "the broadcast to give up");
            long gaveUpMs = (System.nanoTime() - killedAt) / 1_000_000;
            assertThat(broadcast.state()).as("still ending its session").isNotIn(BroadcastState.STOPPED,
                    BroadcastState.FAILED);
            second = ServerProcess.start(data, port, null, dir.resolve("server"), Duration.ofSeconds(60));
            BroadcastState end = broadcast.termination().get(60, TimeUnit.SECONDS);
            long endedMs = (System.nanoTime() - killedAt) / 1_000_000;

            assertThat(end).isEqualTo(BroadcastState.FAILED);
            assertThat(broadcast.stopReason()).contains(StopReason.UPLOAD_FAILED);
            String sentence = broadcast.failureMessage().orElseThrow();
            assertThat(sentence).matches("The broadcast stopped: the stream server could not be reached, and \\d+"
                    + " chunks \\([0-9.]+ MB\\) waited longer than 12 s on this computer\\. The playlist keeps what"
                    + " was uploaded\\.");
            assertThat(events.failures).containsExactly(new RecordingListener.Failure(StopReason.UPLOAD_FAILED,
                    sentence));
            assertThat(gaveUpMs).as("gave up once the oldest chunk had waited 12 s").isBetween(11_000L, 20_000L);
            assertThat(events.waiting).as("the outage was told while it lasted").isNotEmpty();
            assertThat(events.recovered).isEmpty();

            List<Integer> stored = StoreContents.chunkIndices(data, BUCKET, id);
            int acked = events.uploads.size();
            assertThat(events.uploadedIndices()).isEqualTo(IntStream.range(0, acked).boxed().toList());
            assertThat(stored).as("contiguous from 0, nothing skipped, nothing sent after the waiting chunk")
                    .isEqualTo(IntStream.range(0, stored.size()).boxed().toList());
            assertThat(stored.size()).isBetween(acked, acked + 1);
            assertThat(Files.readString(record(data, id))).as("the session ended once the server was back")
                    .matches("(?s).*\"ended_at\"\\s*:\\s*\"2.*");
            String finalPlaylist = Await.value("the playlist to end", () -> PlaylistReader.text(playlistUrl),
                    p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(60));
            assertThat(PlaylistReader.indices(finalPlaylist)).isEqualTo(stored);
            assertThat(spoolFolder(dir, id)).as("the spool cleaned").doesNotExist();

            LOG.info("FIGURES stays away: {} chunks acknowledged before the kill; gave up {} ms after the kill;"
                    + " session ended {} ms after the kill (server back after {} ms start); \"{}\"", acked, gaveUpMs,
                    endedMs, second.startMs(), sentence);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /** A broadcast of the test desktop's screen in 2 s chunks, with the default retry policy. */
    private static Broadcast broadcast(TestDesktop desktop, Path dir, ServerProcess server,
            RecordingListener events, SpoolLimit spool) {
        desktop.openMovingWindow("moving", 0, 0, 640, 360);
        SourceCatalog catalog = SourceCatalog.forThisPlatform(desktop.environment());
        CaptureSettings settings = new CaptureSettings(catalog.find("screen:0").orElseThrow(), Resolution.P720,
                false, false, FPS, CHUNK_MS, dir.resolve("spool"), "sbs", null);
        return Broadcast.builder(settings, new SessionClient(server.baseUrl()), events).catalog(catalog)
                .spoolLimit(spool).build();
    }

    private static Path spoolFolder(Path dir, String sessionId) {
        return dir.resolve("spool").resolve(sessionId);
    }

    private static Path record(Path data, String sessionId) {
        return StoreContents.objectFile(data, BUCKET, ObjectKeys.sessionRecord(sessionId));
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the store held for a chunk the moment the client heard it was stored. */
    private record Ack(long sentBytes, long storedBytes, String sha256) {
    }

    /** Records every event, and at each acknowledgement the stored file's size and hash. */
    private static final class AckLedger extends RecordingListener {
        final Map<Integer, Ack> acks = new ConcurrentHashMap<>();
        private final Path data;

        AckLedger(Path data) {
            this.data = data;
        }

        @Override
        public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
            Path file = StoreContents.objectFile(data, BUCKET, ObjectKeys.chunk(sessions.get(0).sessionId(), index));
            try {
                acks.put(index, new Ack(bytes, Files.size(file), sha256(file)));
            } catch (IOException e) {
                acks.put(index, new Ack(bytes, -1, "missing: " + e));
            }
            super.chunkUploaded(index, bytes, publishLatencyMs);
        }
    }
}

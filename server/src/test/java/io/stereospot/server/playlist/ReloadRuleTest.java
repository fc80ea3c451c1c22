package io.stereospot.server.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** When a playlist request is held, for how long, and until what: every case of {@link ReloadRule}. */
class ReloadRuleTest {

    static final int SEGMENT_SECONDS = 5;
    static final OptionalInt PLAIN = OptionalInt.empty();

    static PlaylistHold.Playlist listing(int segments) {
        return new PlaylistHold.Playlist(new byte[0], segments, segments, false);
    }

    /** Segments each listed as {@code partsEach} parts. */
    static PlaylistHold.Playlist inParts(int segments, int partsEach) {
        return new PlaylistHold.Playlist(new byte[0], segments, segments * partsEach, false);
    }

    static PlaylistHold.Playlist complete(int segments) {
        return new PlaylistHold.Playlist(new byte[0], segments, segments, true);
    }

    static ReloadRule.Decision decide(PlaylistHold.Playlist now, OptionalInt msn, boolean nextChunkStored) {
        return ReloadRule.decide(now, msn,
                nextChunkStored ? ReloadRule.NextChunk.inStore() : ReloadRule.NextChunk.unknown(), SEGMENT_SECONDS);
    }

    static ReloadRule.Decision plainWithChunkDueIn(PlaylistHold.Playlist now, long dueInMs) {
        return ReloadRule.decide(now, PLAIN, ReloadRule.NextChunk.due(Duration.ofMillis(dueInMs)), SEGMENT_SECONDS);
    }

    static ReloadRule.Hold held(ReloadRule.Decision decision) {
        assertThat(decision).isInstanceOf(ReloadRule.Hold.class);
        return (ReloadRule.Hold) decision;
    }

    @Test
    void aPlainReloadWithNothingOnItsWayIsAnsweredAtOnce() {
        assertThat(decide(listing(3), PLAIN, false)).isInstanceOf(ReloadRule.AnswerNow.class);
    }

    @Test
    void aPlainReloadWhileTheNextChunkIsInIsHeldUntilItsSegmentIsListedForAtMostOneAndAHalfSegments() {
        ReloadRule.Hold hold = held(decide(listing(3), PLAIN, true));
        assertThat(hold.maxWait()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(hold.until()).rejects(listing(3)).accepts(listing(4), listing(5), complete(3));
    }

    /**
     * FFmpeg and mpv look again half a target duration after a playlist that did not change: a reload answered just
     * before the next chunk came left its segment unseen for up to that long after it was listed.
     */
    @Test
    void aPlainReloadWithTheNextChunkDueWithinHalfASegmentIsHeldUntilItsSegmentForAtMostOneAndAHalfSegments() {
        ReloadRule.Hold dueIn2s = held(plainWithChunkDueIn(listing(3), 2_000));
        assertThat(dueIn2s.until()).rejects(listing(3)).accepts(listing(4), complete(3));
        assertThat(dueIn2s.maxWait()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(dueIn2s.waitingFor()).contains("segment 3", "due");
        assertThat(held(plainWithChunkDueIn(listing(3), 2_500)).maxWait()).isEqualTo(Duration.ofMillis(7_500));
        // A little late (an upload slower than the last) is still on its way.
        assertThat(held(plainWithChunkDueIn(listing(3), -1_000)).maxWait()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(held(plainWithChunkDueIn(listing(3), -2_500)).until()).rejects(listing(3)).accepts(listing(4));
    }

    @Test
    void aPlainReloadWithTheNextChunkDueLaterOrLongOverdueIsAnsweredAtOnce() {
        // Just after a chunk came: the next is a segment away, and the player will look again before it.
        assertThat(plainWithChunkDueIn(listing(3), 5_000)).isInstanceOf(ReloadRule.AnswerNow.class);
        assertThat(plainWithChunkDueIn(listing(3), 2_501)).isInstanceOf(ReloadRule.AnswerNow.class);
        // Overdue by more than half a segment: the capture may have stopped; nobody waits on it.
        assertThat(plainWithChunkDueIn(listing(3), -2_501)).isInstanceOf(ReloadRule.AnswerNow.class);
        assertThat(plainWithChunkDueIn(listing(3), -60_000)).isInstanceOf(ReloadRule.AnswerNow.class);
        // A blocking reload and a complete playlist go by their own rules.
        assertThat(ReloadRule.decide(listing(3), OptionalInt.of(2), ReloadRule.NextChunk.due(Duration.ofSeconds(1)),
                SEGMENT_SECONDS)).isInstanceOf(ReloadRule.AnswerNow.class);
        assertThat(plainWithChunkDueIn(complete(3), 1_000)).isInstanceOf(ReloadRule.AnswerNow.class);
    }

    @Test
    void theNextChunkIsInTheStoreDueASegmentAfterTheLastListedSegmentsChunkOrUnknown() {
        long at = 1_000_000_000L;
        // Three segments listed (0, 1, 2).
        assertThat(ReloadRule.NextChunk.after(3, at, 3, at, SEGMENT_SECONDS)).isEqualTo(ReloadRule.NextChunk.inStore());
        assertThat(ReloadRule.NextChunk.after(5, at, 3, at, SEGMENT_SECONDS)).isEqualTo(ReloadRule.NextChunk.inStore());
        assertThat(ReloadRule.NextChunk.after(2, at, 3, at + 3_000_000_000L, SEGMENT_SECONDS))
                .isEqualTo(ReloadRule.NextChunk.due(Duration.ofSeconds(2)));
        assertThat(ReloadRule.NextChunk.after(2, at, 3, at + 8_000_000_000L, SEGMENT_SECONDS))
                .isEqualTo(ReloadRule.NextChunk.due(Duration.ofSeconds(-3)));
        assertThat(ReloadRule.NextChunk.after(1, at, 3, at, SEGMENT_SECONDS)).isEqualTo(ReloadRule.NextChunk.unknown());
    }

    @Test
    void aFirstRequestBeforeAnySegmentIsHeldUntilTheFirst() {
        ReloadRule.Hold hold = held(decide(listing(0), PLAIN, false));
        assertThat(hold.maxWait()).isEqualTo(ReloadRule.FIRST_SEGMENT_WAIT);
        assertThat(hold.until()).rejects(listing(0)).accepts(listing(1), complete(0));
    }

    @Test
    void aBlockingReloadIsHeldUntilThatSegmentIsListedUnderHlsJsTimeToFirstByte() {
        ReloadRule.Hold hold = held(decide(listing(3), OptionalInt.of(3), false));
        assertThat(hold.until()).rejects(listing(3)).accepts(listing(4), complete(3));
        // hls.js gives a playlist request 10 s to its first byte.
        assertThat(hold.maxWait()).isLessThan(Duration.ofSeconds(10)).isGreaterThan(Duration.ofSeconds(SEGMENT_SECONDS));
        assertThat(held(decide(listing(3), OptionalInt.of(4), false)).until()).rejects(listing(4)).accepts(listing(5));
    }

    @Test
    void aBlockingReloadForAListedSegmentIsAnsweredAtOnce() {
        assertThat(decide(listing(3), OptionalInt.of(2), true)).isInstanceOf(ReloadRule.AnswerNow.class);
        assertThat(decide(listing(3), OptionalInt.of(0), false)).isInstanceOf(ReloadRule.AnswerNow.class);
    }

    @Test
    void aBlockingReloadMoreThanTwoPastTheLastSegmentIsRefused() {
        // Lists 0, 1, 2: 4 is two past the last, 5 is three.
        assertThat(decide(listing(3), OptionalInt.of(4), false)).isInstanceOf(ReloadRule.Hold.class);
        ReloadRule.Decision refused = decide(listing(3), OptionalInt.of(5), false);
        assertThat(refused).isEqualTo(new ReloadRule.TooFarAhead(5, 2));
        assertThat(((ReloadRule.TooFarAhead) refused).message()).contains("_HLS_msn=5", "(2)");
        // Before the first segment: 0 and 1 may be waited for.
        assertThat(decide(listing(0), OptionalInt.of(1), false)).isInstanceOf(ReloadRule.Hold.class);
        assertThat(decide(listing(0), OptionalInt.of(2), false)).isInstanceOf(ReloadRule.TooFarAhead.class);
    }

    @Test
    void aCompletePlaylistIsAnsweredAtOnceWhateverWasAsked() {
        assertThat(decide(complete(3), OptionalInt.of(9), true)).isInstanceOf(ReloadRule.AnswerNow.class);
        assertThat(decide(complete(3), PLAIN, true)).isInstanceOf(ReloadRule.AnswerNow.class);
        assertThat(decide(complete(0), PLAIN, false)).isInstanceOf(ReloadRule.AnswerNow.class);
    }

    @Test
    void withSegmentsInPartsABlockingReloadCountsEntriesAndAPlainOneWaitsForTheNextSegment() {
        PlaylistHold.Playlist twoSegmentsOfFive = inParts(2, 5); // entries 0..9
        assertThat(decide(twoSegmentsOfFive, OptionalInt.of(9), false)).isInstanceOf(ReloadRule.AnswerNow.class);
        ReloadRule.Hold next = held(decide(twoSegmentsOfFive, OptionalInt.of(10), false));
        assertThat(next.until().test(inParts(2, 5))).isFalse();
        assertThat(next.until().test(inParts(3, 5))).isTrue();
        assertThat(decide(twoSegmentsOfFive, OptionalInt.of(11), false)).isInstanceOf(ReloadRule.Hold.class);
        assertThat(decide(twoSegmentsOfFive, OptionalInt.of(12), false)).isEqualTo(new ReloadRule.TooFarAhead(12, 9));
        // A plain reload while chunk 2 is in waits for segment 2, not for entry 2.
        ReloadRule.Hold plain = held(decide(twoSegmentsOfFive, PLAIN, true));
        assertThat(plain.until().test(inParts(2, 5))).isFalse();
        assertThat(plain.until().test(inParts(3, 5))).isTrue();
    }
}

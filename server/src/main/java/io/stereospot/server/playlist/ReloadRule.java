package io.stereospot.server.playlist;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * When a playlist request is answered: at once, or held until the playlist lists what the player is waiting for.
 * Pure: tested on its own; {@link PlaylistHold} does the holding.
 *
 * <p>Why hold at all: a player re-reads a live playlist on its own timer (FFmpeg, and so mpv: a segment duration
 * after a changed playlist, then every half target duration; hls.js about the same), so a segment listed just after
 * a read waits up to 2.5 s more to be seen. Holding the read until the segment is listed removes that wait (issue
 * 11, "near the live edge"). Three cases:
 * <ul>
 * <li><b>No segment yet</b>: a live playlist that lists nothing is a trap (mpv opened on it exits), so the first
 * request is held until the first segment, at most {@link #FIRST_SEGMENT_WAIT}.</li>
 * <li><b>A blocking reload</b> ({@code _HLS_msn=N}, RFC 8216bis 6.2.5.2, which hls.js sends when the playlist says
 * {@code CAN-BLOCK-RELOAD=YES}): held until entry N is listed (media sequence numbers count entries, a part each
 * for a segment listed in parts) or the playlist is complete, at most {@link #nextSegmentWait}; N more than two
 * past the last entry is refused.</li>
 * <li><b>A plain reload</b> (mpv, ffplay, VLC, PotPlayer send no directive): held until the next segment is listed
 * while that segment is on its way: its chunk is in the store, or is due within half a segment (chunks arrive a
 * segment apart), at most {@link #nextSegmentWait}. Without the second case, a reload that came just before the chunk
 * was answered at once, and the player (FFmpeg and mpv look again half a target duration later) saw the segment up
 * to 2.5 s after it was listed.
 * With nothing on its way, or a chunk overdue by more than half a segment, the answer goes at once: a player must
 * not be kept waiting on a capture that may have stopped.</li>
 * </ul>
 */
public final class ReloadRule {

    /**
     * How long a request is held while the session has no segment yet: the first segment is listed about one chunk
     * (5 s) plus its upload and conversion after Start; well past that, something is wrong, and the answer is the
     * (empty) playlist. Under hls.js's 20 s manifest load limit; Jetty's idle timeout is 30 s.
     */
    public static final Duration FIRST_SEGMENT_WAIT = Duration.ofSeconds(15);

    /** The longest a blocking reload may ask past the last entry (RFC 8216bis 6.2.5.2: "plus two"). */
    static final int MAX_ENTRIES_AHEAD = 2;

    private ReloadRule() {
    }

    /** What to do with one request. */
    sealed interface Decision {
    }

    /** Answer with the playlist as it is now. */
    record AnswerNow() implements Decision {
    }

    /** Hold until {@code until} holds or the playlist is complete, at most {@code maxWait}. */
    record Hold(Predicate<PlaylistHold.Playlist> until, Duration maxWait, String waitingFor) implements Decision {
    }

    /**
     * What the server knows of the chunk whose segment would follow the last listed one.
     *
     * @param stored it is in the store
     * @param dueIn  when it is due (negative: overdue), from when the chunk before it arrived; empty when unknown
     */
    record NextChunk(boolean stored, Optional<Duration> dueIn) {
        static NextChunk inStore() {
            return new NextChunk(true, Optional.empty());
        }

        static NextChunk due(Duration in) {
            return new NextChunk(false, Optional.of(in));
        }

        static NextChunk unknown() {
            return new NextChunk(false, Optional.empty());
        }

        /**
         * From the last chunk the store reported (its index, when it came): in the store when it is the next
         * segment's own, due a segment after it came when it is the last listed segment's; unknown when older (a
         * server started mid-session, a segment listed ahead of its chunk's notification).
         */
        static NextChunk after(int lastChunkIndex, long lastChunkAtNanos, int listedSegments, long nowNanos,
                int segmentSeconds) {
            if (lastChunkIndex >= listedSegments) {
                return inStore();
            }
            if (lastChunkIndex < listedSegments - 1) {
                return unknown();
            }
            return due(Duration.ofNanos(lastChunkAtNanos - nowNanos).plusSeconds(segmentSeconds));
        }
    }

    /** A blocking reload for an entry too far past the last one: 400. */
    record TooFarAhead(int requested, int lastListed) implements Decision {
        String message() {
            return "_HLS_msn=" + requested + " is more than " + MAX_ENTRIES_AHEAD + " past the playlist's last "
                    + "media sequence number (" + lastListed + ").";
        }
    }

    /**
     * @param now                the playlist as it is
     * @param mediaSequence      the {@code _HLS_msn} the player asked for, if any (validated: 0 or more)
     * @param next               the chunk of the segment after the last listed one
     * @param segmentSeconds     the nominal segment (chunk) duration
     */
    static Decision decide(PlaylistHold.Playlist now, OptionalInt mediaSequence, NextChunk next,
            int segmentSeconds) {
        if (now.complete()) {
            return new AnswerNow(); // RFC 8216bis: a playlist with ENDLIST is answered at once, whatever was asked
        }
        if (mediaSequence.isPresent()) {
            // Media sequence numbers count entries: a segment listed in parts has one per part.
            int wanted = mediaSequence.getAsInt();
            if (wanted > now.entries() - 1 + MAX_ENTRIES_AHEAD) {
                return new TooFarAhead(wanted, now.entries() - 1);
            }
            return wanted < now.entries() ? new AnswerNow()
                    : hold(p -> p.entries() > wanted, nextSegmentWait(segmentSeconds),
                            "entry " + wanted + " (_HLS_msn) is listed");
        }
        if (!now.startable()) {
            return hold(PlaylistHold.Playlist::startable, FIRST_SEGMENT_WAIT, "its first segment is listed");
        }
        Duration halfSegment = Duration.ofMillis(segmentSeconds * 500L);
        boolean dueSoon = next.dueIn().filter(in -> in.compareTo(halfSegment) <= 0
                && in.compareTo(halfSegment.negated()) >= 0).isPresent();
        if (next.stored() || dueSoon) {
            int listed = now.segments();
            return hold(p -> p.segments() > listed, nextSegmentWait(segmentSeconds),
                    "segment " + listed + " (its chunk is " + (next.stored() ? "in" : "due") + ") is listed");
        }
        return new AnswerNow();
    }

    private static Hold hold(Predicate<PlaylistHold.Playlist> until, Duration maxWait, String waitingFor) {
        return new Hold(until.or(PlaylistHold.Playlist::complete), maxWait, waitingFor);
    }

    /**
     * One and a half segments, for every reload that waits for a next segment: it is due one segment after the last
     * was listed, give or take the converter's pace (1-4 s for SBS on a 2-core machine, up to 6 s when another
     * program takes every cycle it can). RFC 8216bis lets a server hold up to three target durations, but hls.js
     * gives a playlist request 10 s to its first byte (its {@code playlistLoadPolicy}) and counts a time-out against
     * its retries; 7.5 s stays under that. Past it the player gets the playlist as it is, which hls.js takes as a
     * miss and reloads half a target duration later, rather than the 503 the RFC suggests, which hls.js would count
     * as an error (two retries, then the stream stops). A plain reload waits as long: held only one segment, a
     * conversion slower than that sent FFmpeg and mpv the unchanged playlist, and they looked again 2.5 s later.
     */
    static Duration nextSegmentWait(int segmentSeconds) {
        return Duration.ofMillis(segmentSeconds * 1500L);
    }
}

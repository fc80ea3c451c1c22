package io.stereospot.capture;

import io.stereospot.capture.source.VideoFeed;
import java.time.Duration;
import java.util.Optional;

/**
 * The picture's feed where FFmpeg cannot grab the source itself (Wayland's portal), or none where it can: what the
 * feed's end means for the broadcast, so the run asks the same questions whichever capture it runs.
 */
final class PictureFeed {

    /** FFmpeg grabs the picture itself. */
    static final PictureFeed NONE = new PictureFeed(null);

    private final VideoFeed feed;

    private PictureFeed(VideoFeed feed) {
        this.feed = feed;
    }

    static PictureFeed of(Optional<VideoFeed> opened) {
        return opened.map(PictureFeed::new).orElse(NONE);
    }

    /** What FFmpeg reads instead of grabbing, or null when it grabs. */
    VideoFeed.RawInput ffmpegInput() {
        return feed == null ? null : feed.input();
    }

    /** What was chosen, for a person, when the feed chose it (the system's dialog). */
    Optional<String> description() {
        return feed == null ? Optional.empty() : Optional.of(feed.description());
    }

    /** How the broadcast ends because the feed ended by itself (waiting up to {@code wait}), if it did. */
    Optional<Ending> ended(Duration wait) {
        return feed == null ? Optional.empty()
                : feed.ended(wait).map(sentence -> new Ending(StopReason.SOURCE_LOST, sentence));
    }

    /** A stall of FFmpeg explained by the feed when the stream behind it is gone; else the stall as it is. */
    Ending explainStall(Ending stall) {
        return feed == null ? stall
                : feed.lost().map(sentence -> new Ending(StopReason.SOURCE_LOST, sentence)).orElse(stall);
    }

    /**
     * Ends the feed (and the portal's screen cast). Done before FFmpeg's stop: FFmpeg then reads the end of its pipe
     * instead of waiting in a read on a stream that may have stopped.
     */
    void close() {
        if (feed != null) {
            feed.close();
        }
    }
}

package io.stereospot.capture.source;

import io.stereospot.capture.source.portal.PortalScreenCast;
import java.time.Duration;
import java.util.Optional;

/** The portal's stream as GStreamer reads it; closing it ends GStreamer, then the portal session. */
final class PortalVideoFeed implements VideoFeed {

    private final CaptureSource.Portal source;
    private final PortalScreenCast.Stream stream;
    private final PipeWireFeed feed;
    private final PortalScreenCast portal;

    PortalVideoFeed(CaptureSource.Portal source, PortalScreenCast.Stream stream, PipeWireFeed feed,
            PortalScreenCast portal) {
        this.source = source;
        this.stream = stream;
        this.feed = feed;
        this.portal = portal;
    }

    @Override
    public RawInput input() {
        return feed.input();
    }

    @Override
    public Optional<String> ended(Duration wait) {
        return feed.ended(wait);
    }

    @Override
    public Optional<String> lost() {
        return feed.lost();
    }

    @Override
    public String description() {
        return (source.window() ? "A window" : "The entire screen") + " through the system's screen sharing"
                + (stream.width() > 0 ? " (" + stream.width() + "×" + stream.height() + ")" : "");
    }

    @Override
    public void close() {
        feed.close();
        portal.close();
    }
}

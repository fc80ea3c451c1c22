package io.stereospot.capture.source;

import io.stereospot.capture.source.portal.PortalScreenCast;
import java.time.Duration;
import java.util.Optional;

/** The portal's stream as GStreamer reads it; closing it ends GStreamer, then the portal session. */
final class PortalVideoFeed implements VideoFeed {

    /** How often PipeWire is asked whether the node is still there (a {@code pw-cli} run, about 15 ms). */
    static final int NODE_CHECK_S = 3;

    private final CaptureSource.Portal source;
    private final PortalScreenCast.Stream stream;
    private final PipeWireFeed feed;
    private final PortalScreenCast portal;
    private volatile long lastNodeCheckNanos = System.nanoTime();

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

    /**
     * GStreamer exited; or the desktop closed the portal session ("Stop sharing"); or, asked every
     * {@value #NODE_CHECK_S} s, PipeWire no longer has the node: when its owner goes, pipewiresrc neither errs nor
     * ends, and its keepalive may go on repeating the last frame.
     */
    @Override
    public Optional<String> ended(Duration wait) {
        Optional<String> exited = feed.ended(wait);
        if (exited.isPresent()) {
            return exited;
        }
        if (portal.closedByDesktop()) {
            return Optional.of(PipeWireFeed.ENDED + ".");
        }
        long now = System.nanoTime();
        if (now - lastNodeCheckNanos >= NODE_CHECK_S * 1_000_000_000L) {
            lastNodeCheckNanos = now;
            return feed.lost();
        }
        return Optional.empty();
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

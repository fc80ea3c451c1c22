package io.stereospot.app.gui.model;

import io.stereospot.contract.SessionStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/** The words and numbers of the status area, kept apart from the view model so they are easy to test. */
public final class StatusTexts {

    /**
     * How long before the upload credentials expire the window starts saying so. Only for a server that does not
     * renew them: the broadcast then stops cleanly just before they expire rather than fail on a refused upload.
     */
    public static final Duration LIMIT_NOTICE_LEAD = Duration.ofMinutes(10);

    private StatusTexts() {
    }

    /** "Streaming… chunk N", N counting uploaded chunks. */
    public static String streaming(int chunksUploaded) {
        return chunksUploaded == 0 ? "Streaming… recording the first chunk" : "Streaming… chunk " + chunksUploaded;
    }

    /** {@code 04:07}, or {@code 1:02:03} past an hour. */
    public static String elapsed(Duration elapsed) {
        long s = Math.max(0, elapsed.toSeconds());
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /**
     * Upload health in one line. An upload that takes longer than a chunk lasts means the stream falls behind.
     *
     * @param encoderSpeed FFmpeg's speed (1.0 = real time), or a negative number when unknown
     */
    public static String health(int chunksUploaded, long lastBytes, long lastLatencyMs, double encoderSpeed,
            long chunkDurationMs) {
        if (chunksUploaded == 0) {
            return "Uploads: waiting for the first chunk (every " + chunkDurationMs / 1000 + " s)";
        }
        String size = lastBytes >= 1_000_000
                ? String.format(Locale.ROOT, "%.1f MB", lastBytes / 1_000_000.0)
                : String.format(Locale.ROOT, "%d KB", Math.max(1, Math.round(lastBytes / 1000.0)));
        String took = String.format(Locale.ROOT, "%.2f s", lastLatencyMs / 1000.0);
        String uploads = lastLatencyMs > chunkDurationMs
                ? "Uploads falling behind: the last chunk (" + size + ") took " + took
                : "Uploads healthy: last chunk " + size + ", online " + took + " after it was recorded";
        if (encoderSpeed >= 0 && encoderSpeed < 0.9) {
            uploads += String.format(Locale.ROOT, " · encoder slow (%.2f× real time)", encoderSpeed);
        }
        return uploads;
    }

    /**
     * What the server's conversion status means for the person, or null while there is nothing to say: the chunks
     * shown flat because the 3D converter failed on them, and how far conversion is behind once it is more than the
     * chunk being converted now.
     */
    public static String conversion(SessionStatus status) {
        String flat = flatSentence(status.fallbackSegments());
        String lag = status.chunksBehind() < 2 ? null : String.format(Locale.ROOT,
                "3D conversion %.0f s behind (%d chunks waiting)", status.conversionLagSeconds(),
                status.chunksBehind());
        if (flat == null) {
            return lag;
        }
        return lag == null ? flat : flat + " · " + lag;
    }

    /**
     * "Viewers about 7 s behind your screen", from the server's viewer delay (a viewer at the live edge waits for
     * each segment: one chunk plus upload and conversion), or null while the server has not said.
     */
    public static String behindYourScreen(SessionStatus status) {
        Double seconds = status.viewerDelaySeconds();
        if (seconds == null || seconds <= 0 || status.ended()) {
            return null;
        }
        return "Viewers about " + Math.max(1, Math.round(seconds)) + " s behind your screen";
    }

    /** "3D conversion failed for chunk 12; it is shown flat" (the CLI prints it too), or null for none. */
    public static String flatSentence(List<Integer> fallbackSegments) {
        if (fallbackSegments.isEmpty()) {
            return null;
        }
        if (fallbackSegments.size() == 1) {
            return "3D conversion failed for chunk " + fallbackSegments.get(0) + "; it is shown flat";
        }
        int n = fallbackSegments.size();
        return "3D conversion failed for " + n + " chunks (the last: " + fallbackSegments.get(n - 1)
                + "); they are shown flat";
    }

    /** A failure as one sentence for the banner: the first message along the causes, ending in a full stop. */
    public static String sentence(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof CompletionException)) {
            t = t.getCause();
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return text.endsWith(".") ? text : text + ".";
    }

    /**
     * "The upload credentials expire in 10 minutes: the stream stops shortly before", or null while more than 10
     * minutes are left.
     */
    public static String limitNotice(Duration remaining) {
        if (remaining.compareTo(LIMIT_NOTICE_LEAD) > 0 || remaining.isNegative()) {
            return null;
        }
        long minutes = Math.max(1, (remaining.toSeconds() + 59) / 60);
        return "The upload credentials expire in " + minutes + (minutes == 1 ? " minute" : " minutes")
                + ": the stream stops shortly before";
    }

    /**
     * The line under the watch page's QR code: who can open it. An address of this computer's loopback reaches no
     * other device, and a headset is always another device. Over https the certificate is our own, so the browser
     * warns once before it opens the page.
     */
    public static String watchQrCaption(String watchUrl) {
        if (watchUrl == null || watchUrl.isEmpty()) {
            return "";
        }
        String host = URI.create(watchUrl).getHost();
        boolean loopback = host != null && (host.startsWith("127.") || host.equals("[::1]")
                || host.equalsIgnoreCase("localhost"));
        return loopback
                ? "This computer only. For a headset or phone, let other devices play the stream (Settings)."
                : watchUrl.startsWith("https:")
                ? "Scan with a headset or phone on this network. It warns once about the certificate: Advanced, "
                        + "Proceed."
                : "Scan with a headset or phone on the same network to open the watch page.";
    }
}

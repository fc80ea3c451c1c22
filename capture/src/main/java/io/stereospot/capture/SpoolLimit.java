package io.stereospot.capture;

import io.stereospot.capture.upload.UploadBacklog;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How much the spool keeps while uploads cannot keep up (the server or the store unreachable, or too slow): complete
 * chunks that waited longer than {@code maxWaiting}, or that add up to more than {@code maxBytes}, stop the
 * broadcast with a sentence, and the session is ended. The default, 2 minutes and 512 MiB, is well past what a
 * chunk's attempts may span ({@link io.stereospot.capture.upload.RetryPolicy#DEFAULT}: 32-40 s), so the time bound
 * stops a stream whose attempts each hang until their 30 s timeout, or whose uploads fall ever further behind, and
 * the byte bound keeps a high bitrate from filling the disk.
 */
public record SpoolLimit(Duration maxWaiting, long maxBytes) {

    public static final SpoolLimit DEFAULT = new SpoolLimit(Duration.ofMinutes(2), 512L * 1024 * 1024);

    public SpoolLimit {
        if (maxWaiting.isNegative() || maxWaiting.isZero() || maxBytes <= 0) {
            throw new IllegalArgumentException("The spool limit must be positive");
        }
    }

    /** The sentence that stops the broadcast, once {@code backlog} is past the limit. */
    Optional<String> exceededBy(UploadBacklog backlog) {
        if (backlog.chunks() == 0) {
            return Optional.empty();
        }
        String waiting = backlog.chunks() + (backlog.chunks() == 1 ? " chunk" : " chunks") + String.format(
                Locale.ROOT, " (%.1f MB)", backlog.bytes() / 1_000_000.0);
        String why = backlog.stalled() ? "the stream server could not be reached" : "uploads fell behind";
        if (backlog.oldestWaiting().compareTo(maxWaiting) > 0) {
            return Optional.of("The broadcast stopped: " + why + ", and " + waiting + " waited longer than "
                    + StopSentences.span(maxWaiting) + " on this computer. The playlist keeps what was uploaded.");
        }
        if (backlog.bytes() > maxBytes) {
            return Optional.of("The broadcast stopped: " + why + ", and " + waiting + " waiting on this computer"
                    + String.format(Locale.ROOT, " passed the %d MiB the spool keeps.", maxBytes / (1024 * 1024))
                    + " The playlist keeps what was uploaded.");
        }
        return Optional.empty();
    }
}

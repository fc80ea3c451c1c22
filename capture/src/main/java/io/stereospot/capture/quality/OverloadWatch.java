package io.stereospot.capture.quality;

import io.stereospot.capture.ffmpeg.ProgressReport;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Feeds FFmpeg's progress reports of one run through {@link OverloadRule} over the last
 * {@link OverloadRule#WINDOW_MS} ms. The first {@value #WARM_UP_MS} ms of stream are left out: while the sound's
 * input opens, FFmpeg drops and repeats frames to line the two up, which says nothing about the machine. After an
 * overload is told it starts over and judges again only once a whole fresh window has passed, so lasting trouble is
 * told once every {@link OverloadRule#WINDOW_MS} ms, not every second.
 */
public final class OverloadWatch {

    static final long WARM_UP_MS = 2_000;

    private record Seen(ProgressReport report, long nanos) {
    }

    private final int fps;
    private final Deque<Seen> window = new ArrayDeque<>();
    private boolean told;

    public OverloadWatch(int fps) {
        this.fps = fps;
    }

    /** One report, seen at {@code nanos} ({@code System.nanoTime()}); an overload when this one shows it. */
    public synchronized Optional<OverloadRule.Overload> accept(ProgressReport report, long nanos) {
        if (report.outTimeMs() < WARM_UP_MS) {
            return Optional.empty();
        }
        Seen now = new Seen(report, nanos);
        window.addLast(now);
        // Keep the shortest stretch that still spans the window: drop the oldest while the next one is old enough.
        while (window.size() > 2) {
            Seen second = window.stream().skip(1).findFirst().orElseThrow();
            if ((nanos - second.nanos) / 1_000_000 < OverloadRule.WINDOW_MS) {
                break;
            }
            window.removeFirst();
        }
        Seen first = window.peekFirst();
        if (first == now || told && (nanos - first.nanos) / 1_000_000 < OverloadRule.WINDOW_MS) {
            return Optional.empty();
        }
        Optional<OverloadRule.Overload> overload = OverloadRule.judge(
                FrameCounts.between(first.report, first.nanos, report, nanos), fps);
        told = overload.isPresent();
        if (told) {
            window.clear();
            window.addLast(now);
        }
        return overload;
    }
}

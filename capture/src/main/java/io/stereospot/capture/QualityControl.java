package io.stereospot.capture;

import io.stereospot.capture.ffmpeg.ProgressReport;
import io.stereospot.capture.quality.OverloadWatch;
import io.stereospot.capture.quality.QualityStep;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 27 while streaming: reads each FFmpeg progress report for overload ({@link OverloadWatch}) and tells the
 * person in a sentence naming what would help. In Auto it also keeps the step-down the overload calls for until the
 * step-down it gives out once, until the run has made it ({@link StepDown}). It also adds up stream time across the
 * FFmpeg runs a step-down makes, each of which counts from zero.
 */
final class QualityControl {

    private static final Logger LOG = LoggerFactory.getLogger(QualityControl.class);

    private final boolean auto;
    private final ListenerDispatch events;
    private final AtomicReference<QualityStep> pending = new AtomicReference<>();
    private final AtomicBoolean switching = new AtomicBoolean();
    private volatile OverloadWatch watch;
    private volatile QualityStep step;
    private volatile boolean canStepDown;
    private volatile long earlierRunsMs;

    QualityControl(boolean auto, ListenerDispatch events) {
        this.auto = auto;
        this.events = events;
    }

    /**
     * An FFmpeg runs at {@code now}: the watch starts over.
     *
     * @param restartable whether a step-down can start FFmpeg anew (not with a feed from the system's screen
     *                    sharing, opened once at one size)
     * @param streamStartMs where in the stream this FFmpeg's output begins (its first chunk's index × its length)
     */
    void running(QualityStep now, boolean restartable, long streamStartMs) {
        earlierRunsMs = streamStartMs;
        step = now;
        canStepDown = restartable;
        watch = new OverloadWatch(now.fps());
        switching.set(false);
    }

    /** A progress report of the FFmpeg now running, on its reader thread. */
    void progress(ProgressReport report, long nanos) {
        OverloadWatch current = watch;
        if (current == null || switching.get()) {
            return;
        }
        current.accept(report, nanos).ifPresent(overload -> {
            Optional<QualityStep> lower = auto && canStepDown ? step.lower() : Optional.empty();
            String sentence = overload.sentence(step, lower, auto);
            LOG.warn("Overloaded at {} ({}): {}", step, overload.counts().figures(), sentence);
            events.tell(l -> l.warning(sentence));
            lower.ifPresent(next -> pending.compareAndSet(null, next));
        });
    }

    /** Stream time encoded so far, across step-downs. */
    long streamMs(long outTimeOfThisRunMs) {
        return earlierRunsMs + outTimeOfThisRunMs;
    }

    /** The step to go down to, given out once (empty while none is due or one is being made). */
    Optional<QualityStep> takeStepDown() {
        if (pending.get() == null || !switching.compareAndSet(false, true)) {
            return Optional.empty();
        }
        return Optional.ofNullable(pending.getAndSet(null));
    }
}

package io.stereospot.media.process;

import java.time.Duration;

/**
 * One step of ending a {@link LongLivedProcess}: an ask, then a grace time to exit in before the next step. After the
 * last step the program is killed.
 *
 * @param ask   what the program is asked
 * @param grace how long it may take to exit before the next step
 */
public record StopStep(Ask ask, Duration grace) {

    /** The ways a program is asked to end, gentlest first. */
    public enum Ask {
        /** Types {@code q} on its stdin: FFmpeg then finishes the chunk it is writing. */
        QUIT_KEY,
        /** Closes its stdin: a program reading jobs from it ends at the end of its input. */
        CLOSE_STDIN,
        /** SIGINT, which FFmpeg treats like {@code q} (and Wine passes on, where {@code q} does not reach). */
        INTERRUPT,
        /** SIGTERM. */
        TERMINATE;

        /** This ask, with {@code grace} to exit in before the next step. */
        public StopStep within(Duration grace) {
            return new StopStep(this, grace);
        }
    }
}

package io.stereospot.capture;

import java.time.Duration;

/**
 * The lines that tell a person about an upload outage while the broadcast rides it out, the same in the window and
 * on the command line ({@link BroadcastListener#uploadsWaiting}, {@link BroadcastListener#uploadsRecovered}).
 */
public final class OutageTexts {

    private OutageTexts() {
    }

    /** "Server unreachable: 12 s, 3 chunks waiting". */
    public static String waiting(Duration unreachableFor, int chunksWaiting) {
        return "Server unreachable: " + unreachableFor.toSeconds() + " s, " + chunks(chunksWaiting) + " waiting";
    }

    /** "Server reachable again after 34 s: uploading 17 waiting chunks." */
    public static String recovered(Duration unreachableFor, int chunksWaiting) {
        String again = "Server reachable again after " + unreachableFor.toSeconds() + " s";
        return chunksWaiting == 0 ? again + "; every chunk is uploaded."
                : again + ": uploading " + chunksWaiting + (chunksWaiting == 1 ? " waiting chunk." : " waiting chunks.");
    }

    private static String chunks(int count) {
        return count + (count == 1 ? " chunk" : " chunks");
    }
}

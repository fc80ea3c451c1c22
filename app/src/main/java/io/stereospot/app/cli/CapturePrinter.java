package io.stereospot.app.cli;

import io.stereospot.app.gui.model.StatusTexts;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.OutageTexts;
import io.stereospot.capture.ffmpeg.EncoderChoice;
import io.stereospot.capture.session.WatchUrl;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Prints what the engine reports; its calls come one at a time from the engine's event thread. */
final class CapturePrinter implements BroadcastListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private int lastChunksWaiting = -1;
    /** Chunks already reported as shown flat: each is said once. */
    private final Set<Integer> flatChunks = new HashSet<>();
    /** The encoder's lines: chosen before the session exists, printed after the playlist, which comes first. */
    private final List<String> encoderLines = new ArrayList<>();

    CapturePrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void sessionStarted(StreamSession session) {
        out.println("Playlist: " + session.playlistUrl());
        WatchUrl.forSession(session).ifPresent(page -> out.println("Watch page: " + page));
        out.println("Paste the playlist in PotPlayer (3D SBS mode), or open the watch page in a headset's, phone's or"
                + " TV's browser. Ctrl-C stops the stream.");
        encoderLines.forEach(out::println);
        if (session.renewal() == null) {
            // Only an older server sets a limit; a renewing one is silent about it.
            out.println("This server does not renew upload credentials: the stream stops by itself shortly"
                    + " before they expire (" + session.upload().expiresAt() + ").");
        }
    }

    @Override
    public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
        out.printf(Locale.ROOT, "chunk %05d uploaded: %.2f MB, published %d ms after it was complete%n", index,
                bytes / 1_000_000.0, publishLatencyMs);
    }

    /** A refusal needs no lines here: the failure's sentence follows, with the probe's reason in it. */
    @Override
    public void encoderChosen(EncoderChoice choice) {
        if (choice.refusal().isEmpty()) {
            encoderLines.addAll(choice.lines());
        }
    }

    @Override
    public void sourceChosen(String description) {
        out.println("Sharing: " + description);
    }

    @Override
    public void qualityChosen(String sentence) {
        out.println(sentence);
    }

    @Override
    public void warning(String sentence) {
        err.println("Warning: " + sentence);
    }

    /** Once a second from the engine; a line each time another chunk joins the wait is enough here. */
    @Override
    public void uploadsWaiting(Duration unreachableFor, int chunksWaiting) {
        if (chunksWaiting != lastChunksWaiting) {
            lastChunksWaiting = chunksWaiting;
            err.println(OutageTexts.waiting(unreachableFor, chunksWaiting));
        }
    }

    @Override
    public void uploadsRecovered(Duration unreachableFor, int chunksWaiting) {
        lastChunksWaiting = -1;
        out.println(OutageTexts.recovered(unreachableFor, chunksWaiting));
    }

    @Override
    public void conversionStatus(SessionStatus status) {
        for (int index : status.fallbackSegments()) {
            if (flatChunks.add(index)) {
                warning(StatusTexts.flatSentence(List.of(index)) + ".");
            }
        }
    }
}

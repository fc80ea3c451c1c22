package io.stereospot.app.gui.model;

import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.OutageTexts;
import io.stereospot.capture.StopReason;
import io.stereospot.capture.session.WatchUrl;
import io.stereospot.contract.SessionStatus;
import io.stereospot.contract.StreamSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * What the stream card shows about the current (or last) broadcast: the status line, elapsed time, upload health,
 * the playlist URL and the watch page's, and, when the server does not renew the upload credentials, the notice before they expire. Fed by the broadcast controller; FX thread only.
 */
public final class LiveStatus {

    private final Clock clock;
    private final ObservableValue<StreamPhase> phase;
    private final Consumer<Banner> banners;

    private final ReadOnlyIntegerWrapper chunksUploaded = new ReadOnlyIntegerWrapper(this, "chunksUploaded");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "");
    private final ReadOnlyStringWrapper healthText = new ReadOnlyStringWrapper(this, "healthText", "");
    private final ReadOnlyStringWrapper qualityText = new ReadOnlyStringWrapper(this, "qualityText", "");
    private final ReadOnlyStringWrapper playlistUrl = new ReadOnlyStringWrapper(this, "playlistUrl", "");
    private final ReadOnlyStringWrapper watchUrl = new ReadOnlyStringWrapper(this, "watchUrl", "");

    private long chunkDurationMs = CaptureSettings.DEFAULT_CHUNK_DURATION_MS;
    private Instant liveSince;
    private Instant credentialsExpireAt;
    private String lastLimitNotice;
    private long lastBytes;
    private long lastLatencyMs;
    private double encoderSpeed = -1;
    /** "Server unreachable: 12 s, 3 chunks waiting" while an outage lasts, else null. */
    private String outageLine;
    /** What the server's conversion status says (chunks shown flat, conversion lag), or null for nothing. */
    private String conversionNote;
    /** "Viewers about 7 s behind your screen", or null until the server says. */
    private String viewerNote;

    LiveStatus(Clock clock, ObservableValue<StreamPhase> phase, Consumer<Banner> banners) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.phase = Objects.requireNonNull(phase, "phase");
        this.banners = Objects.requireNonNull(banners, "banners");
        // Idle shows how the last broadcast ended (empty before the first); the rest follows the phase.
        statusText.bind(Bindings.createStringBinding(() -> switch (phase.getValue()) {
            case IDLE -> summary.get();
            case STARTING -> "Starting…";
            case STREAMING -> StatusTexts.streaming(chunksUploaded.get());
            case STOPPING -> "Stopping: uploading the last chunk…";
        }, phase, chunksUploaded, summary));
    }

    /** "Streaming… chunk N" while streaming; how it ended once idle again. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty healthTextProperty() {
        return healthText.getReadOnlyProperty();
    }

    /** What size and rate the broadcast captures at and why, with the figures (issue 27); empty until said. */
    public ReadOnlyStringProperty qualityTextProperty() {
        return qualityText.getReadOnlyProperty();
    }

    /** Auto's choice, or a step-down, in the engine's sentence: a line of the card, not a banner (it is no fault). */
    void quality(String sentence) {
        qualityText.set(sentence);
    }

    /** Set once the session exists; stays after the broadcast ends, until the next Start. */
    public ReadOnlyStringProperty playlistUrlProperty() {
        return playlistUrl.getReadOnlyProperty();
    }

    /** The session's watch page (on the playlist's origin); set and cleared with the playlist URL. */
    public ReadOnlyStringProperty watchUrlProperty() {
        return watchUrl.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty chunksUploadedProperty() {
        return chunksUploaded.getReadOnlyProperty();
    }

    /** A new broadcast begins: nothing of the last one stays. */
    void begin(long chunkDurationMs) {
        this.chunkDurationMs = chunkDurationMs;
        playlistUrl.set("");
        watchUrl.set("");
        summary.set("");
        chunksUploaded.set(0);
        lastBytes = 0;
        lastLatencyMs = 0;
        encoderSpeed = -1;
        outageLine = null;
        conversionNote = null;
        viewerNote = null;
        liveSince = null;
        credentialsExpireAt = null;
        lastLimitNotice = null;
        elapsedText.set("");
        healthText.set("");
        qualityText.set("");
    }

    /** The engine is capturing; {@code shown} is false when Stop was pressed before it got there. */
    void live(boolean shown) {
        liveSince = clock.instant();
        if (shown) {
            elapsedText.set(StatusTexts.elapsed(Duration.ZERO));
            healthText.set(StatusTexts.health(0, 0, 0, -1, chunkDurationMs));
        }
    }

    void session(StreamSession session) {
        watchUrl.set(WatchUrl.forSession(session).map(WatchUrl::toString).orElse(""));
        playlistUrl.set(session.playlistUrl());
        if (session.renewal() != null) {
            // Renewed while the stream runs: no limit to announce. Should renewing fail, the engine says so.
            credentialsExpireAt = null;
            return;
        }
        try {
            credentialsExpireAt = session.upload().expiresAtInstant();
        } catch (RuntimeException e) {
            // No readable expiry: the engine warns about that itself; the window just shows no countdown.
            credentialsExpireAt = null;
        }
    }

    void chunk(int index, long bytes, long publishLatencyMs) {
        chunksUploaded.set(index + 1);
        lastBytes = bytes;
        lastLatencyMs = publishLatencyMs;
        showHealth();
    }

    void encoder(EncoderProgress progress) {
        encoderSpeed = progress.speed();
        if (chunksUploaded.get() > 0) {
            showHealth();
        }
    }

    /** Uploads fail and chunks wait in the spool: the health line says so until they go through again. */
    void uploadsWaiting(Duration unreachableFor, int chunksWaiting) {
        outageLine = OutageTexts.waiting(unreachableFor, chunksWaiting);
        healthText.set(outageLine);
    }

    /** The server answers again: the health line comes back, and a banner says how long it was away. */
    void uploadsRecovered(Duration unreachableFor, int chunksWaiting) {
        outageLine = null;
        showHealth();
        banners.accept(Banner.info(OutageTexts.recovered(unreachableFor, chunksWaiting)));
    }

    /** The server's view of the session's conversion: a failed chunk or a growing lag goes first in the line. */
    void conversion(SessionStatus status) {
        conversionNote = StatusTexts.conversion(status);
        viewerNote = StatusTexts.behindYourScreen(status);
        if (!healthText.get().isEmpty()) {
            showHealth();
        }
    }

    /** The broadcast is over: the summary replaces the live figures. Call before the phase turns idle. */
    void ended(BroadcastState state, StopReason reason) {
        int chunks = chunksUploaded.get();
        String duration = liveSince == null ? null : StatusTexts.elapsed(Duration.between(liveSince, clock.instant()));
        liveSince = null;
        credentialsExpireAt = null;
        outageLine = null;
        elapsedText.set("");
        healthText.set("");
        if (state == BroadcastState.FAILED) {
            summary.set(chunks == 0 ? "Not streaming" : "Stopped by a problem after " + chunks + " chunks");
        } else {
            summary.set("Stopped" + (duration == null ? "" : " after " + duration) + " · " + chunks
                    + (chunks == 1 ? " chunk" : " chunks") + " uploaded");
        }
        if (reason == StopReason.CREDENTIALS_EXPIRING) {
            banners.accept(Banner.info("The stream stopped because its upload credentials expired. "
                    + "Press Start streaming for a new one (it gets a new URL)."));
        }
        if (reason == StopReason.SESSION_QUOTA_REACHED) {
            banners.accept(Banner.info("The stream stopped because the server's upload quota for it is used up; "
                    + "everything uploaded stays playable. Press Start streaming for a new one (it gets a new URL)."));
        }
    }

    /** Once a second: elapsed time and, in the last 10 minutes of credentials not renewed, their expiry. */
    void tick() {
        if (phase.getValue() != StreamPhase.STREAMING) {
            return;
        }
        Instant now = clock.instant();
        if (liveSince != null) {
            elapsedText.set(StatusTexts.elapsed(Duration.between(liveSince, now)));
        }
        if (credentialsExpireAt != null) {
            String notice = StatusTexts.limitNotice(Duration.between(now, credentialsExpireAt));
            if (notice != null && !notice.equals(lastLimitNotice)) {
                lastLimitNotice = notice;
                banners.accept(Banner.warning(notice));
            }
        }
    }

    private void showHealth() {
        if (outageLine != null) {
            healthText.set(outageLine);
            return;
        }
        String uploads = StatusTexts.health(chunksUploaded.get(), lastBytes, lastLatencyMs, encoderSpeed,
                chunkDurationMs);
        StringBuilder line = new StringBuilder();
        for (String note : new String[] {conversionNote, viewerNote}) {
            if (note != null) {
                line.append(note).append(" · ");
            }
        }
        healthText.set(line.append(uploads).toString());
    }
}

package io.stereospot.app.gui.settings;

import io.stereospot.capture.Resolution;
import io.stereospot.contract.CreateSessionRequest;
import java.util.Objects;

/**
 * What the window remembers between runs.
 *
 * @param sourceId    the last chosen screen or window ({@code screen:0}, {@code window:0x…}); empty = none yet
 * @param systemAudio capture what the computer plays
 * @param microphone  capture the microphone
 * @param resolution  output size
 * @param mode        the 3D format ({@code sbs})
 * @param serverUrl   the stream server; empty = local mode (a server inside the app)
 * @param lanAccess   in local mode, let other devices on the network play the stream
 */
public record AppSettings(String sourceId, boolean systemAudio, boolean microphone, Resolution resolution,
                          String mode, String serverUrl, boolean lanAccess) {

    public AppSettings {
        sourceId = sourceId == null ? "" : sourceId.strip();
        Objects.requireNonNull(resolution, "resolution");
        mode = mode == null || mode.isBlank() ? CreateSessionRequest.DEFAULT_MODE : mode.strip();
        serverUrl = serverUrl == null ? "" : serverUrl.strip();
    }

    /** A first run: no source yet, system audio on, 720p SBS, local mode, this computer only. */
    public static AppSettings defaults() {
        return new AppSettings("", true, false, Resolution.P720, CreateSessionRequest.DEFAULT_MODE, "", false);
    }

    public boolean localMode() {
        return serverUrl.isEmpty();
    }
}

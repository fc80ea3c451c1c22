package io.stereospot.app.gui.settings;

import io.stereospot.capture.Resolution;
import io.stereospot.capture.ffmpeg.VideoEncoder;
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
 * @param depth       in local mode, 3D depth on or off, its strength, convergence and model file
 * @param encoder     {@value #AUTO_ENCODER} or an encoder's option name ({@code x264}, {@code nvenc}, …)
 */
public record AppSettings(String sourceId, boolean systemAudio, boolean microphone, Resolution resolution,
                          String mode, String serverUrl, boolean lanAccess, DepthChoice depth, String encoder) {

    /** The first hardware encoder that passes its probe, else x264. */
    public static final String AUTO_ENCODER = "auto";

    public AppSettings {
        sourceId = sourceId == null ? "" : sourceId.strip();
        Objects.requireNonNull(resolution, "resolution");
        mode = mode == null || mode.isBlank() ? CreateSessionRequest.DEFAULT_MODE : mode.strip();
        serverUrl = serverUrl == null ? "" : serverUrl.strip();
        depth = depth == null ? DepthChoice.defaults() : depth;
        encoder = VideoEncoder.parse(encoder).map(VideoEncoder::optionName).orElse(AUTO_ENCODER);
    }

    /** With the encoder chosen automatically. */
    public AppSettings(String sourceId, boolean systemAudio, boolean microphone, Resolution resolution, String mode,
            String serverUrl, boolean lanAccess, DepthChoice depth) {
        this(sourceId, systemAudio, microphone, resolution, mode, serverUrl, lanAccess, depth, AUTO_ENCODER);
    }

    /** With the default depth settings. */
    public AppSettings(String sourceId, boolean systemAudio, boolean microphone, Resolution resolution, String mode,
            String serverUrl, boolean lanAccess) {
        this(sourceId, systemAudio, microphone, resolution, mode, serverUrl, lanAccess, DepthChoice.defaults());
    }

    /** A first run: no source yet, system audio on, quality Auto, SBS with depth, local mode, this computer only. */
    public static AppSettings defaults() {
        return new AppSettings("", true, false, Resolution.AUTO, CreateSessionRequest.DEFAULT_MODE, "", false,
                DepthChoice.defaults(), AUTO_ENCODER);
    }

    public boolean localMode() {
        return serverUrl.isEmpty();
    }
}

package io.stereospot.capture.ffmpeg;

/**
 * The output frame size FFmpeg scales and pads to. The broadcast maps its {@code Resolution} onto this, so this
 * package needs nothing from the one that drives it.
 */
public record FrameSize(int width, int height) {

    public FrameSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("A frame needs a positive size, not " + width + "x" + height);
        }
    }
}

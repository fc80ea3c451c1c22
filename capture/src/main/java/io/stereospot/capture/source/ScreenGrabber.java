package io.stereospot.capture.source;

/**
 * Which FFmpeg input grabs a whole screen on Windows. Desktop Duplication ({@code ddagrab}) is the fast path where
 * the GPU allows it; GDI ({@code gdigrab}) works everywhere, Wine included. Windows are always grabbed with gdigrab.
 * Other platforms have one grabber each and ignore this.
 */
public enum ScreenGrabber {
    DDAGRAB,
    GDIGRAB
}

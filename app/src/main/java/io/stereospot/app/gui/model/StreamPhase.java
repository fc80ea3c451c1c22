package io.stereospot.app.gui.model;

/** Where the window is in one broadcast's life; what the buttons allow follows from it. */
public enum StreamPhase {
    /** Nothing running: settings can change, Start is possible. */
    IDLE,
    /** Start pressed: the server and session are being set up, FFmpeg starting. */
    STARTING,
    /** Capturing and uploading. */
    STREAMING,
    /** Stop pressed (or a failure): the last chunk is uploaded and the session ended. */
    STOPPING
}

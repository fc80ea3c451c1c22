package io.stereospot.app.gui.model;

import io.stereospot.app.gui.settings.DepthChoice;
import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.CaptureSettings;

/** Sets up one broadcast's server and starts it; runs in the background, because it can take seconds. */
interface BroadcastLauncher {

    /**
     * Starts a broadcast that reports to {@code events}.
     *
     * @param remoteServerUrl the stream server to use; empty = the one inside the app (local mode)
     * @param lanAccess       in local mode, serve the stream to other devices on the network
     * @param depth           in local mode, how the segments get their depth (or 3D off)
     */
    Broadcast launch(CaptureSettings settings, String remoteServerUrl, boolean lanAccess, DepthChoice depth,
            BroadcastListener events);

    /** Stops what the launcher itself runs (the local server); for exit. */
    void close();
}

package io.stereospot.capture;

import io.stereospot.capture.quality.QualityStep;
import io.stereospot.capture.session.SessionApi;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.upload.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything one broadcast is run with, fixed when {@link Broadcast.Builder#build()} makes it: the person's
 * {@link CaptureSettings} and the engine's options, so the run never reads a builder that could still change.
 *
 * @param capture               what to capture and how (source, size, rate, audio, spool, server mode)
 * @param sessions              the server's session API
 * @param listener              told of everything, on a thread of its own
 * @param catalog               where sources are found and FFmpeg gets its environment
 * @param retryPolicy           attempts and backoff of each chunk's upload
 * @param credentialWarningLead how long before the credentials expire to warn
 * @param credentialStopLead    how long before they expire to stop cleanly
 * @param encoderCache          where the encoder probe's answers are kept (EncoderCache)
 * @param autoStart             in Auto, the step to start at without trial captures; null = measure first
 */
record BroadcastSettings(CaptureSettings capture, SessionApi sessions, BroadcastListener listener,
        SourceCatalog catalog, Clock clock, RetryPolicy retryPolicy, SpoolLimit spoolLimit,
        Duration credentialWarningLead, Duration credentialStopLead, Path encoderCache,
        QualityStep autoStart) {
}

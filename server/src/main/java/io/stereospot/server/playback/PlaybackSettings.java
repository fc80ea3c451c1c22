package io.stereospot.server.playback;

import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.convert.WorkerSettings;
import java.time.Duration;

/**
 * Everything the playback side (converter worker, playlist, housekeeping) is configured with.
 *
 * @param credentialLifetime    how long upload credentials live: a session never ended is ended this long after
 *                              its creation
 * @param retention             how long after its end a session's objects are kept
 * @param housekeepingInterval  how often expiry and retention are checked
 * @param playlistFreshness     how long a built live playlist may be served again without looking at the store
 * @param nominalSegmentSeconds the chunk length clients record (the playlist's minimum target duration)
 */
public record PlaybackSettings(ConverterSettings converter, WorkerSettings worker, Duration credentialLifetime,
        Duration retention, Duration housekeepingInterval, Duration playlistFreshness, int nominalSegmentSeconds) {

    public static PlaybackSettings defaults() {
        return new PlaybackSettings(ConverterSettings.defaults(), WorkerSettings.defaults(), Duration.ofHours(1),
                Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofSeconds(1), 5);
    }

    public PlaybackSettings withConverter(ConverterSettings value) {
        return new PlaybackSettings(value, worker, credentialLifetime, retention, housekeepingInterval,
                playlistFreshness, nominalSegmentSeconds);
    }

    public PlaybackSettings withWorker(WorkerSettings value) {
        return new PlaybackSettings(converter, value, credentialLifetime, retention, housekeepingInterval,
                playlistFreshness, nominalSegmentSeconds);
    }

    public PlaybackSettings withCredentialLifetime(Duration value) {
        return new PlaybackSettings(converter, worker, value, retention, housekeepingInterval, playlistFreshness,
                nominalSegmentSeconds);
    }

    public PlaybackSettings withRetention(Duration value) {
        return new PlaybackSettings(converter, worker, credentialLifetime, value, housekeepingInterval,
                playlistFreshness, nominalSegmentSeconds);
    }

    public PlaybackSettings withHousekeepingInterval(Duration value) {
        return new PlaybackSettings(converter, worker, credentialLifetime, retention, value, playlistFreshness,
                nominalSegmentSeconds);
    }
}

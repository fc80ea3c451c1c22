package io.stereospot.server.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One load run: {@code streams} simulated capture clients, each with its own session, PUT a real chunk every
 * {@code chunkInterval} for {@code duration}; {@code players} poll playlists once a second and fetch new segments.
 *
 * @param server the API base of the server under load
 * @param serverPid the server's process, to sample its CPU and memory (empty when it shares this JVM)
 * @param storeRoot the embedded store's folder ({@code <data>/store}), to prove refused requests wrote nothing
 * @param drainTimeout how long after the sessions end every playlist may take to reach ENDLIST
 */
public record LoadOptions(int streams, int players, Duration duration, Duration chunkInterval, URI server,
        OptionalLong serverPid, Optional<Path> storeRoot, Duration drainTimeout) {

    public LoadOptions {
        if (streams < 1 || players < 0) {
            throw new IllegalArgumentException("Need at least one stream and no negative player count");
        }
        if (duration.compareTo(chunkInterval) < 0) {
            throw new IllegalArgumentException("The run must last at least one chunk interval");
        }
    }

    /** Chunks each stream uploads: one per interval over the run. */
    public int chunksPerStream() {
        return (int) (duration.toMillis() / chunkInterval.toMillis());
    }
}

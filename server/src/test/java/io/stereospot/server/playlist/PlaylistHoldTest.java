package io.stereospot.server.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlaylistHoldTest {

    private static final byte[] EMPTY = "#EXTM3U\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ONE = "#EXTM3U\n#EXTINF:5.0,\nseg_00000.ts\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aStartablePlaylistIsAnsweredAtOnce() throws Exception {
        PlaylistHold wait = new PlaylistHold(id -> Optional.of(new PlaylistHold.Playlist(ONE, 1, 1, false)));
        var answer = wait.await("s", PlaylistHold.Playlist::startable, Duration.ofSeconds(10), "first");
        assertThat(answer).isDone();
        assertThat(answer.get()).contains(ONE);
    }

    @Test
    void anEmptyPlaylistIsHeldUntilItListsASegment() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        PlaylistHold wait = new PlaylistHold(id -> looks.incrementAndGet() < 4
                ? Optional.of(new PlaylistHold.Playlist(EMPTY, 0, 0, false))
                : Optional.of(new PlaylistHold.Playlist(ONE, 1, 1, false)));
        var answer = wait.await("s", PlaylistHold.Playlist::startable, Duration.ofSeconds(10), "first");
        assertThat(answer).isNotDone();
        assertThat(answer.get(5, TimeUnit.SECONDS)).contains(ONE);
        assertThat(looks.get()).isEqualTo(4);
    }

    @Test
    void afterTheLongestWaitThePlaylistIsAnsweredAsItIs() throws Exception {
        PlaylistHold wait = new PlaylistHold(id -> Optional.of(new PlaylistHold.Playlist(EMPTY, 0, 0, false)));
        long started = System.nanoTime();
        var answer = wait.await("s", PlaylistHold.Playlist::startable, Duration.ofMillis(500), "first");
        assertThat(answer.get(5, TimeUnit.SECONDS)).contains(EMPTY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void anUnknownSessionIsAnsweredAtOnceAsNone() throws Exception {
        PlaylistHold wait = new PlaylistHold(id -> Optional.empty());
        assertThat(wait.await("s", PlaylistHold.Playlist::startable, Duration.ofSeconds(10), "first").get()).isEmpty();
    }
}

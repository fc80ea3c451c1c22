package io.stereospot.server.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistRendererTest {

    @Test
    void liveEventPlaylistWithRealDurationsAndNoEnd() {
        assertThat(PlaylistRenderer.render(List.of(5.034667, 5.005), false, 5)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-TARGETDURATION:5
                #EXT-X-MEDIA-SEQUENCE:0
                #EXTINF:5.034667,
                seg_00000.ts
                #EXTINF:5.005000,
                seg_00001.ts
                """);
    }

    @Test
    void finishedPlaylistEndsWithEndlist() {
        String text = PlaylistRenderer.render(List.of(5.0), true, 5);
        assertThat(text).endsWith("seg_00000.ts\n#EXT-X-ENDLIST\n");
    }

    @Test
    void emptyPlaylistIsStillValid() {
        assertThat(PlaylistRenderer.render(List.of(), false, 5)).contains("#EXT-X-TARGETDURATION:5\n")
                .doesNotContain("#EXTINF");
    }

    @Test
    void targetDurationCoversTheLongestSegmentRounded() {
        assertThat(PlaylistRenderer.render(List.of(5.0, 6.6, 5.4), false, 5)).contains("#EXT-X-TARGETDURATION:7\n");
        assertThat(PlaylistRenderer.render(List.of(5.49), false, 5)).contains("#EXT-X-TARGETDURATION:5\n");
    }
}

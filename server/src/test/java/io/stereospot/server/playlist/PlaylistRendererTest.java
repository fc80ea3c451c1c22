package io.stereospot.server.playlist;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.segment.SegmentTimeline;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistRendererTest {

    /** 2026-11-30T08:00:00.250Z */
    private static final long CAPTURED_MS = 1_796_025_600_250L;

    @Test
    void liveEventPlaylistWithRealDurationsCaptureTimesBlockingReloadAStartNearTheEdgeAndNoEnd() {
        List<SegmentTimeline.Facts> segments = List.of(new SegmentTimeline.Facts(5.034667, CAPTURED_MS),
                new SegmentTimeline.Facts(5.005, CAPTURED_MS + 5_000));
        assertThat(PlaylistRenderer.render(segments, false, 5)).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:4
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-TARGETDURATION:5
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES
                #EXT-X-START:TIME-OFFSET=-1.0
                #EXT-X-PROGRAM-DATE-TIME:2026-11-30T08:00:00.250Z
                #EXTINF:5.034667,
                seg_00000.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-30T08:00:05.250Z
                #EXTINF:5.005000,
                seg_00001.ts
                """);
    }

    @Test
    void finishedPlaylistEndsWithEndlistAndStartsAtTheBeginning() {
        String text = PlaylistRenderer.render(durations(5.0), true, 5);
        assertThat(text).endsWith("seg_00000.ts\n#EXT-X-ENDLIST\n").doesNotContain("#EXT-X-START", "#EXT-X-SERVER-CONTROL");
    }

    @Test
    void aSegmentWhoseCaptureTimeIsUnknownHasNoProgramDateTime() {
        assertThat(PlaylistRenderer.render(durations(5.0), false, 5)).doesNotContain("PROGRAM-DATE-TIME");
    }

    @Test
    void emptyPlaylistIsStillValid() {
        assertThat(PlaylistRenderer.render(List.of(), false, 5)).contains("#EXT-X-TARGETDURATION:5\n")
                .doesNotContain("#EXTINF");
    }

    @Test
    void targetDurationCoversTheLongestSegmentRounded() {
        assertThat(PlaylistRenderer.render(durations(5.0, 6.6, 5.4), false, 5)).contains("#EXT-X-TARGETDURATION:7\n");
        assertThat(PlaylistRenderer.render(durations(5.49), false, 5)).contains("#EXT-X-TARGETDURATION:5\n");
    }

    @Test
    void aSegmentInPartsIsListedAsByteRangesOfItsFileEachWithItsDurationAndCaptureTime() {
        List<SegmentTimeline.Part> parts = List.of(new SegmentTimeline.Part(0, 1_880, 0.0),
                new SegmentTimeline.Part(1_880, 3_760, 1.0), new SegmentTimeline.Part(5_640, 188, 2.5));
        List<SegmentTimeline.Facts> segments = List.of(new SegmentTimeline.Facts(5.0, CAPTURED_MS),
                new SegmentTimeline.Facts(3.0, CAPTURED_MS + 5_000, parts));
        String text = PlaylistRenderer.render(segments, false, 5);
        assertThat(text).contains("#EXT-X-TARGETDURATION:5\n").endsWith("""
                #EXTINF:5.000000,
                seg_00000.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-30T08:00:05.250Z
                #EXTINF:1.000000,
                #EXT-X-BYTERANGE:1880@0
                seg_00001.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-30T08:00:06.250Z
                #EXTINF:1.500000,
                #EXT-X-BYTERANGE:3760@1880
                seg_00001.ts
                #EXT-X-PROGRAM-DATE-TIME:2026-11-30T08:00:07.750Z
                #EXTINF:0.500000,
                #EXT-X-BYTERANGE:188@5640
                seg_00001.ts
                """);
        assertThat(PlaylistRenderer.entryCount(segments)).isEqualTo(4);
    }

    private static List<SegmentTimeline.Facts> durations(double... seconds) {
        return Arrays.stream(seconds).mapToObj(s -> new SegmentTimeline.Facts(s, 0)).toList();
    }
}

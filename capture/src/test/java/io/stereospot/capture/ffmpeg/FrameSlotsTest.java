package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.capture.testing.ChunkProbe;
import io.stereospot.media.FfmpegBinaries;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cause of stutter, held without a loaded machine: frames stamped as x11grab stamps them on a busy machine (one
 * in seven grabbed up to 90 ms late, the next ones caught up in a burst) go through the capture's own frame
 * restamping ({@link FfmpegCommand#slotStamps}) and constant-rate output, in the bundled FFmpeg, faster than real
 * time. Measured on the real rig: these stamps made FFmpeg drop and repeat 14-50 % of the frames.
 */
class FrameSlotsTest {

    private static final Pattern LAST_COUNTS = Pattern.compile("(?s).*frame=(\\d+).*dup_frames=(\\d+).*"
            + "drop_frames=(\\d+)");
    /** x11grab's stamps on a busy machine: late grabs, then the grabs behind them as fast as they go. */
    private static final String LATE_GRABS = "settb=AVTB,setpts='if(isnan(PREV_OUTPTS),PTS,"
            + "max(PTS+gt(random(0),0.85)*random(1)*0.09/TB,PREV_OUTPTS+0.002/TB))'";

    record Counts(long frames, long duplicated, long dropped) {
    }

    @Test
    void lateGrabsKeepTheirSlotsWhereRawStampsDropAndRepeatFrames() {
        Counts raw = encode("testsrc2=rate=30:size=160x120:duration=20", LATE_GRABS);
        Counts slotted = encode("testsrc2=rate=30:size=160x120:duration=20",
                LATE_GRABS + "," + FfmpegCommand.slotStamps(30));
        System.out.printf("FIGURES frame slots: grab stamps %s; slot stamps %s%n", raw, slotted);

        assertThat(raw.duplicated() + raw.dropped()).as("the rig's stamps stutter without the restamping: %s", raw)
                .isGreaterThan(30);
        assertThat(slotted.duplicated() + slotted.dropped()).as("dropped + repeated with slot stamps: %s", slotted)
                .isZero();
        assertThat(slotted.frames()).isEqualTo(600);
    }

    @Test
    void aGrabberThatFallsBehindKeepsThePictureWithTheSound() {
        // 25 grabs a second for 20 s: slots alone would squeeze them into 16.7 s and the picture would run ever
        // further behind the sound; the frames keep their grab time less the tolerance, repeated to fill 30 fps.
        Counts behind = encode("testsrc2=rate=25:size=160x120:duration=20", "settb=AVTB," + FfmpegCommand.slotStamps(30));
        System.out.printf("FIGURES frame slots, grabber at 25 fps: %s%n", behind);

        assertThat(behind.frames()).as("frames of a 30 fps stream covering the 20 s grabbed: %s", behind)
                .isBetween(600L - 30 * 2 * (long) (FfmpegCommand.LATE_FRAME_S * 10), 601L);
        assertThat(behind.duplicated()).as("the missing grabs are repeats").isGreaterThan(80);
    }

    private static Counts encode(String source, String filters) {
        String out = ChunkProbe.run(List.of(FfmpegBinaries.ffmpeg().toString(), "-hide_banner", "-nostats",
                "-loglevel", "error", "-progress", "pipe:1", "-f", "lavfi", "-i", source, "-vf", filters,
                "-fps_mode", "cfr", "-r", "30", "-c:v", "rawvideo", "-f", "null", "-"));
        Matcher m = LAST_COUNTS.matcher(out);
        assertThat(m.find()).as("FFmpeg's progress: %s", out).isTrue();
        return new Counts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }
}

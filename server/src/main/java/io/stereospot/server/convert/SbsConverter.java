package io.stereospot.server.convert;

import io.stereospot.media.FfmpegCommandLine;
import io.stereospot.media.process.ExternalProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Flat half side-by-side: each frame scaled to half width and placed twice, audio kept. No depth, but the layout
 * PotPlayer's 3D SBS mode (and any SBS display) expects, so the whole loop can be watched without a depth model.
 */
final class SbsConverter implements Converter {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /**
     * Every second the conversion takes is a second more between the screen and the viewer, and in local mode it
     * shares the laptop's cores with the capture: the fastest preset (measured against superfast in
     * docs/benchmarks.md, "The SBS converter's speed").
     */
    static final String PRESET = "ultrafast";
    /**
     * Ultrafast has no adaptive quantisation, so the same CRF means more bytes and a closer picture: at 23 it still
     * stays closer to the source than superfast did at 21 (PSNR and bytes in docs/benchmarks.md, "The SBS
     * converter's speed").
     */
    static final String CRF = "23";
    /** A cap so a busy screen does not make a segment a remote viewer cannot fetch in its own duration. */
    static final String MAX_RATE = "12M";

    /**
     * A keyframe every second, so the playlist can list each segment as parts a player may start on
     * ({@code segment.SegmentParts}): FFmpeg and mpv, opened on a running stream, then start in its newest segment
     * instead of three segments back (docs/benchmarks.md, "Segments listed as parts").
     */
    static final int KEYFRAME_EVERY_SECONDS = 1;

    private final int widthPx;
    private final int heightPx;

    /** A size of 0×0 keeps the source's size (rounded down to what yuv420p halves allow). */
    SbsConverter(int widthPx, int heightPx) {
        this.widthPx = widthPx;
        this.heightPx = heightPx;
    }

    @Override
    public String name() {
        return "sbs";
    }

    /** The scale filter to one half's size: {@code widthPx/2 × heightPx}, or the source's halved (0×0). */
    static String halfScale(int widthPx, int heightPx) {
        return widthPx == 0
                ? "scale=trunc(iw/4)*2:trunc(ih/2)*2"
                : "scale=" + (widthPx / 2) + ":" + heightPx;
    }

    /**
     * The output half of every SBS command line, flat or with depth: the encoder settings above, the audio copied,
     * an MP4 at {@code output}. No B-frames (ultrafast has none; said here because a flat fallback depends on it): a
     * segment that stands among another converter's segments then starts its decode times at its offset instead of
     * a frame or two before it, where they would overlap the end of the segment before it (measured by
     * FailingConverterTest: "11.001333 then 10.973" after a copied segment).
     */
    static List<String> segmentOutput(Path output) {
        return List.of("-c:v", "libx264", "-preset", PRESET, "-crf", CRF, "-maxrate", MAX_RATE, "-bufsize", MAX_RATE,
                "-bf", "0", "-force_key_frames", "expr:gte(t,n_forced*" + KEYFRAME_EVERY_SECONDS + ")",
                "-pix_fmt", "yuv420p", "-c:a", "copy", "-movflags", "+faststart", "-f", "mp4", output.toString());
    }

    String filterGraph() {
        String half = halfScale(widthPx, heightPx);
        // setsar=1: the squeezed halves are meant to be shown squeezed; players that honour SAR would unsqueeze.
        return "[0:v]" + half + ",setsar=1,split[left][right];[left][right]hstack=inputs=2,setsar=1[v]";
    }

    @Override
    public void convert(Path input, Path output) throws ConversionException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-i", input.toString(),
                "-filter_complex", filterGraph(), "-map", "[v]", "-map", "0:a?"));
        command.addAll(segmentOutput(output));
        ExternalProcess.Result result;
        try {
            result = ConverterProcesses.run(FfmpegCommandLine.ffmpeg().with(command), null, TIMEOUT);
        } catch (IOException e) {
            throw new ConversionException("FFmpeg could not run: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new ConversionException("FFmpeg could not make the SBS segment (exit status " + result.exitCode()
                    + "): " + result.stderrTail());
        }
    }
}

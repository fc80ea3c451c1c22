package io.stereospot.capture.ffmpeg;

import io.stereospot.capture.source.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The H.264 encoders FFmpeg may use for the chunks, each with the options that keep the chunk rules: a forced
 * keyframe is an IDR (so a chunk starts with one), constant frame rate and AAC audio are {@link FfmpegCommand}'s and
 * the same for all. Only libx264 runs on this project's test machines; the hardware ones are golden-tested and
 * probed ({@link EncoderProbe}), never verified on their hardware here.
 *
 * <ul>
 * <li>nvenc and qsv turn a forced keyframe into an I frame unless told to make it an IDR
 * ({@code -forced-idr 1}, {@code -forced_idr 1}); amf likewise ({@code -forced_idr 1}).</li>
 * <li>vaapi (FFmpeg's hw_base_encode) and mf (ICodecAPI {@code AVEncVideoForceKeyFrame}) make every forced
 * keyframe an IDR by themselves.</li>
 * <li>vaapi takes frames in GPU memory: the filter graph ends with {@code format=nv12,hwupload} on the device
 * {@code -vaapi_device} opens, the first render node.</li>
 * <li>No B-frames on the hardware encoders: the segment muxer's half-frame delta covers libx264's, and a
 * driver's B-frame reordering is one thing less to go wrong at a chunk's first frame.</li>
 * </ul>
 */
public enum VideoEncoder {
    X264("x264", "libx264", "yuv420p"),
    NVENC("nvenc", "h264_nvenc", "yuv420p"),
    QSV("qsv", "h264_qsv", "nv12"),
    AMF("amf", "h264_amf", "nv12"),
    VAAPI("vaapi", "h264_vaapi", "nv12,hwupload"),
    MF("mf", "h264_mf", "nv12");

    /** The render node vaapi encodes on: the first GPU (the integrated one on a laptop with two). */
    public static final String VAAPI_DEVICE = "/dev/dri/renderD128";
    private static final String QUALITY = "23";

    private final String optionName;
    private final String ffmpegName;
    private final String pixelFormat;

    VideoEncoder(String optionName, String ffmpegName, String pixelFormat) {
        this.optionName = optionName;
        this.ffmpegName = ffmpegName;
        this.pixelFormat = pixelFormat;
    }

    /** As {@code --encoder} and the window name it: {@code x264}, {@code nvenc}, … */
    public String optionName() {
        return optionName;
    }

    /** FFmpeg's name: {@code libx264}, {@code h264_nvenc}, … */
    public String ffmpegName() {
        return ffmpegName;
    }

    public boolean isHardware() {
        return this != X264;
    }

    /** The hardware encoders worth trying on {@code platform}, best first; libx264 follows them all. */
    public static List<VideoEncoder> hardwareOrder(Platform platform) {
        return switch (platform) {
            case LINUX_X11 -> List.of(NVENC, QSV, VAAPI);
            case WINDOWS -> List.of(NVENC, QSV, AMF, MF);
            // VideoToolbox is not in the list: macOS encodes with libx264.
            case MACOS -> List.of();
        };
    }

    /** {@code x264}, {@code nvenc}, … (or FFmpeg's own name), any case. */
    public static Optional<VideoEncoder> parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (VideoEncoder encoder : values()) {
            if (encoder.optionName.equals(wanted) || encoder.ffmpegName.equals(wanted)) {
                return Optional.of(encoder);
            }
        }
        return Optional.empty();
    }

    /** Global options that come before the inputs: vaapi's device. */
    List<String> deviceArguments() {
        return this == VAAPI ? List.of("-vaapi_device", VAAPI_DEVICE) : List.of();
    }

    /** The end of the picture's filter chain: the pixel format this encoder takes (and, for vaapi, the upload). */
    String filterFormat() {
        return "format=" + pixelFormat;
    }

    /** {@code -c:v} and the rate control, for chunks of {@code size}. */
    List<String> codecArguments(FrameSize size) {
        String maxRate = maxRateFor(size);
        List<String> args = new ArrayList<>(List.of("-c:v", ffmpegName));
        switch (this) {
            case X264 -> args.addAll(List.of("-preset", presetFor(size), "-crf", QUALITY));
            case NVENC -> args.addAll(List.of("-preset", "p4", "-tune", "ll", "-rc", "vbr", "-cq", QUALITY,
                    "-forced-idr", "1"));
            case QSV -> args.addAll(List.of("-preset", "veryfast", "-forced_idr", "1"));
            case AMF -> args.addAll(List.of("-usage", "lowlatency", "-quality", "speed", "-rc", "vbr_peak",
                    "-forced_idr", "1"));
            case VAAPI -> args.addAll(List.of("-rc_mode", "VBR"));
            // camera_record: MF's encoder in constant-rate mode, so it does not drop frames (FFmpeg's mfenc.c).
            case MF -> args.addAll(List.of("-hw_encoding", "1", "-scenario", "camera_record",
                    "-rate_control", "pc_vbr"));
        }
        if (isHardware()) {
            // Peak-constrained VBR, the one mode every one of them has: half the cap on average.
            args.addAll(List.of("-bf", "0", "-b:v", halfOf(maxRate)));
        }
        args.addAll(List.of("-maxrate", maxRate, "-bufsize", maxRate));
        if (this == X264) {
            args.addAll(List.of("-pix_fmt", pixelFormat));
        }
        return args;
    }

    /**
     * The x264 preset that keeps this frame size real-time on a 2-core laptop: 720p veryfast, 1080p superfast,
     * because veryfast cannot hold 1080p30 on busy content.
     */
    public static String presetFor(FrameSize size) {
        return isFullHd(size) ? "superfast" : "veryfast";
    }

    /** A cap on the video bitrate so a chunk stays small enough to upload in well under its own duration. */
    static String maxRateFor(FrameSize size) {
        return isFullHd(size) ? "8M" : "4M";
    }

    /** 1080p: veryfast cannot hold it at 30 fps on busy content, and it needs the higher bitrate cap. */
    private static boolean isFullHd(FrameSize size) {
        return size.height() >= 1080;
    }

    private static String halfOf(String megabits) {
        return Integer.parseInt(megabits.substring(0, megabits.length() - 1)) / 2 + "M";
    }
}

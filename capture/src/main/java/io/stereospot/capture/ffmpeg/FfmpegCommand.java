package io.stereospot.capture.ffmpeg;

import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.Platform;
import io.stereospot.capture.source.ScreenGrabber;
import io.stereospot.capture.source.VideoFeed;
import io.stereospot.media.FfmpegCommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The FFmpeg argument list that captures a source (and up to two audio inputs) straight into MP4 chunks: a pure
 * value, golden-tested per platform. FFmpeg grabs and encodes by itself; no frame passes through the JVM.
 *
 * <p>Choices measured on 2 cores (docs/benchmarks.md, "The figures behind FfmpegCommand's choices"):
 * <ul>
 * <li>Every grabber opens with {@code -probesize 32 -analyzeduration 0}, so that it opens at once. Elsewhere than on
 * Linux the audio inputs follow the picture's clock ({@code -isync 0}) and each audio stream goes through
 * {@code aresample=async=1:first_pts=0}, which pads its start with silence to the picture's.</li>
 * <li>On Linux the PulseAudio inputs open before x11grab, and x11grab follows the first of them
 * ({@code -isync 0}): PulseAudio is slow to open, and x11grab's first frame, grabbed while it opens, would otherwise
 * stand frozen over a silent start. Both inputs stamp with the wall clock, so the stream starts when both are there,
 * sound and picture together (BroadcastIntegrationTest measures A/V).</li>
 * <li>The pulse input comes in 20 ms fragments ({@code -fragment_size 3840}) stamped with the wall clock on arrival;
 * {@link AudioStamps} turns those jittery stamps into counted ones that still follow the wall clock's rate. Pulse's
 * own latency-corrected stamps started the sound at a different offset each run.</li>
 * <li>x11grab stamps each frame when it grabs it, so a grab that waits for a busy X server comes late and the
 * constant-rate output drops or repeats frames around it. Each frame is restamped to its slot
 * ({@code STARTPTS+N/fps}), the time x11grab meant to grab it, unless it is later than {@value #LATE_FRAME_S} s
 * past it: then the grabber has fallen behind for real and the frame keeps its time less that tolerance, so
 * picture and sound stay together and frames are dropped or repeated as they must be.</li>
 * <li>A keyframe is forced at every chunk boundary and the segment muxer splits there; with B-frames it needs a
 * {@code segment_time_delta} of half a frame, else the first chunk comes out twice as long.</li>
 * <li>{@code encoder} encodes the picture ({@link VideoEncoder}: libx264, or hardware that passed its probe).</li>
 * <li>The live CSV segment list gets a chunk's line right after its last byte: that line is the "chunk complete"
 * signal the uploader waits for.</li>
 * </ul>
 *
 * @param platform        which grabbers to use
 * @param ffmpeg          the program
 * @param source          screen or window
 * @param display         the X display ({@code :0}); only used on Linux
 * @param audio           0, 1 or 2 audio inputs (mixed into one track); none gives a silent track
 * @param frameSize       output size (aspect kept, padded)
 * @param fps             output frame rate
 * @param chunkDurationMs chunk length
 * @param spoolDir        where chunks and the segment list are written
 * @param screenGrabber   Windows only: ddagrab or gdigrab for a screen (the catalog finds which starts)
 * @param rawVideo        Linux only, or null: raw frames a helper writes into a pipe (Wayland's portal stream,
 *                        read by GStreamer), stamped on arrival like x11grab's frames and then put in their slots
 * @param encoder         the H.264 encoder
 */
public record FfmpegCommand(
        Platform platform,
        Path ffmpeg,
        CaptureSource source,
        String display,
        List<AudioSource> audio,
        FrameSize frameSize,
        int fps,
        long chunkDurationMs,
        Path spoolDir,
        ScreenGrabber screenGrabber,
        VideoFeed.RawInput rawVideo,
        VideoEncoder encoder) {

    /**
     * The live segment list, in a folder of its own inside the spool so that watching it wakes nobody for the
     * thousands of writes FFmpeg makes to the chunks themselves.
     */
    public static final String SEGMENT_LIST = "list/chunks.csv";
    /** Chunk files as FFmpeg names them; the index is the chunk index. */
    public static final String CHUNK_PATTERN = "chunk_%05d.mp4";
    public static final int AUDIO_RATE = 48_000;
    public static final String AUDIO_BITRATE = "128k";
    /**
     * How late past its slot an x11grab frame may be grabbed and still be shown in its slot. 0.2 s rather than 0.1 s:
     * on a busy machine 0.1 s still dropped and repeated frames around late grabs that 0.2 s kept in their slots
     * (docs/benchmarks.md, "The figures behind FfmpegCommand's choices"). The cost: while grabs run that late, the
     * picture may lead the sound by up to this much.
     */
    static final double LATE_FRAME_S = 0.2;

    public FfmpegCommand {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(frameSize, "frameSize");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(screenGrabber, "screenGrabber");
        Objects.requireNonNull(encoder, "encoder");
        audio = List.copyOf(audio);
        if (audio.size() > 2) {
            throw new IllegalArgumentException("At most two audio inputs (system audio and a microphone)");
        }
        if (platform == Platform.LINUX_X11 && rawVideo == null && (display == null || display.isBlank())) {
            throw new IllegalArgumentException("x11grab needs an X display");
        }
        if (platform == Platform.MACOS && source instanceof CaptureSource.Window) {
            throw new IllegalArgumentException(
                    "On macOS StereoSpot can capture a whole screen, not a single window: pick a screen.");
        }
    }

    /** A command encoded with libx264. */
    public FfmpegCommand(Platform platform, Path ffmpeg, CaptureSource source, String display, List<AudioSource> audio,
            FrameSize frameSize, int fps, long chunkDurationMs, Path spoolDir, ScreenGrabber screenGrabber,
            VideoFeed.RawInput rawVideo) {
        this(platform, ffmpeg, source, display, audio, frameSize, fps, chunkDurationMs, spoolDir, screenGrabber,
                rawVideo, VideoEncoder.X264);
    }

    /** A command whose picture FFmpeg grabs itself. */
    public FfmpegCommand(Platform platform, Path ffmpeg, CaptureSource source, String display, List<AudioSource> audio,
            FrameSize frameSize, int fps, long chunkDurationMs, Path spoolDir, ScreenGrabber screenGrabber) {
        this(platform, ffmpeg, source, display, audio, frameSize, fps, chunkDurationMs, spoolDir, screenGrabber, null);
    }

    /** A command whose screens, on Windows, are grabbed with gdigrab (it works everywhere). */
    public FfmpegCommand(Platform platform, Path ffmpeg, CaptureSource source, String display, List<AudioSource> audio,
            FrameSize frameSize, int fps, long chunkDurationMs, Path spoolDir) {
        this(platform, ffmpeg, source, display, audio, frameSize, fps, chunkDurationMs, spoolDir,
                ScreenGrabber.GDIGRAB);
    }

    /** The same capture at another size and rate, into another folder: Auto's trials, the run after a step-down. */
    public FfmpegCommand at(FrameSize size, int framesPerSecond, Path folder) {
        return new FfmpegCommand(platform, ffmpeg, source, display, audio, size, framesPerSecond, chunkDurationMs,
                folder, screenGrabber, rawVideo, encoder);
    }

    public Path segmentList() {
        return spoolDir.resolve(SEGMENT_LIST);
    }

    /** Creates the spool folder and the list's folder: FFmpeg writes into them but does not create them. */
    public void createFolders() throws java.io.IOException {
        java.nio.file.Files.createDirectories(segmentList().getParent());
    }

    public Path chunkFile(int index) {
        return spoolDir.resolve(String.format(CHUNK_PATTERN, index));
    }

    /** The whole command line, program first. */
    public List<String> arguments() {
        // Progress as key=value lines on stdout once a second. stderr at info, each line tagged with its level:
        // FfmpegProcess reads the inputs' starts from the info lines and keeps warnings and errors as before.
        List<String> args = new ArrayList<>(FfmpegCommandLine.of(List.of(ffmpeg.toString())).readingStdin()
                .logLevel("level+info").with("-progress", "pipe:1", "-stats_period", "1"));
        args.addAll(encoder.deviceArguments());
        if (audioFirst()) {
            for (AudioSource input : audio) {
                audioInput(args, input);
            }
            args.addAll(List.of("-isync", "0"));
            videoInput(args);
        } else {
            videoInput(args);
            for (AudioSource input : audio) {
                audioInput(args, input);
            }
        }
        if (audio.isEmpty()) {
            args.addAll(List.of("-f", "lavfi", "-i", "anullsrc=r=" + AUDIO_RATE + ":cl=stereo"));
        }
        args.addAll(List.of("-filter_complex", filterGraph(), "-map", "[v]", "-map", "[a]"));
        String seconds = seconds(chunkDurationMs);
        args.addAll(encoder.codecArguments(frameSize));
        args.addAll(List.of("-fps_mode", "cfr", "-r", Integer.toString(fps),
                "-force_key_frames", keyframesEvery(seconds),
                "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", Integer.toString(AUDIO_RATE), "-ac", "2",
                "-f", "segment", "-segment_time", seconds,
                "-segment_time_delta", String.format(Locale.ROOT, "%.4f", 0.5 / fps),
                "-reset_timestamps", "1", "-segment_format", "mp4",
                "-segment_format_options", "movflags=+faststart",
                "-segment_list", segmentList().toString(), "-segment_list_type", "csv",
                "-segment_list_flags", "live",
                spoolDir.resolve(CHUNK_PATTERN).toString()));
        return args;
    }

    private void videoInput(List<String> args) {
        String rate = Integer.toString(fps);
        switch (platform) {
            case LINUX_X11 -> {
                if (rawVideo != null) {
                    args.addAll(List.of("-thread_queue_size", "512", "-f", "rawvideo", "-pix_fmt", "yuv420p",
                            "-video_size", rawVideo.width() + "x" + rawVideo.height(), "-framerate", rate,
                            "-use_wallclock_as_timestamps", "1", "-i", rawVideo.pipe().toString()));
                    return;
                }
                args.addAll(List.of("-thread_queue_size", "512", "-f", "x11grab", "-framerate", rate,
                        "-probesize", "32", "-analyzeduration", "0", "-draw_mouse", "1"));
                if (source instanceof CaptureSource.Window w) {
                    args.addAll(List.of("-window_id", w.hexHandle(), "-i", display));
                } else if (source instanceof CaptureSource.Screen s) {
                    args.addAll(List.of("-video_size", s.width() + "x" + s.height(),
                            "-i", display + "+" + s.x() + "," + s.y()));
                }
            }
            case WINDOWS -> {
                if (grabsWithDdagrab()) {
                    // A filter source: D3D11 frames, downloaded to memory at the start of the filter graph.
                    CaptureSource.Screen s = (CaptureSource.Screen) source;
                    args.addAll(List.of("-thread_queue_size", "512", "-f", "lavfi", "-i", "ddagrab=output_idx="
                            + s.index() + ":framerate=" + rate + ":draw_mouse=1"));
                    return;
                }
                args.addAll(List.of("-thread_queue_size", "512", "-f", "gdigrab", "-framerate", rate,
                        "-probesize", "32", "-analyzeduration", "0", "-draw_mouse", "1"));
                if (source instanceof CaptureSource.Window w) {
                    args.addAll(List.of("-i", "hwnd=" + w.hexHandle()));
                } else if (source instanceof CaptureSource.Screen s) {
                    args.addAll(List.of("-offset_x", Integer.toString(s.x()), "-offset_y", Integer.toString(s.y()),
                            "-video_size", s.width() + "x" + s.height(), "-i", "desktop"));
                }
            }
            case MACOS -> {
                CaptureSource.Screen s = (CaptureSource.Screen) source;
                args.addAll(List.of("-thread_queue_size", "512", "-f", "avfoundation", "-framerate", rate,
                        "-capture_cursor", "1", "-probesize", "32", "-analyzeduration", "0",
                        "-i", "Capture screen " + s.index() + ":none"));
            }
            default -> throw new IllegalStateException("Unknown platform " + platform);
        }
    }

    private void audioInput(List<String> args, AudioSource input) {
        args.addAll(List.of("-thread_queue_size", "1024"));
        switch (platform) {
            case LINUX_X11 -> args.addAll(List.of("-f", "pulse", "-isync", "0", "-fragment_size", "3840",
                    "-use_wallclock_as_timestamps", "1", "-sample_rate", Integer.toString(AUDIO_RATE),
                    "-channels", "2", "-i", input.device()));
            // The helper's WASAPI feed (WindowsSourceCatalog.openAudio): raw PCM on a loopback socket, stamped by
            // its sample count; the helper fills silence so the count keeps pace with the clock.
            case WINDOWS -> args.addAll(List.of("-f", "s16le", "-isync", "0",
                    "-sample_rate", Integer.toString(AUDIO_RATE), "-ch_layout", "stereo", "-i", input.device()));
            case MACOS -> args.addAll(List.of("-f", "avfoundation", "-isync", "0",
                    "-i", ":" + input.device()));
            default -> throw new IllegalStateException("Unknown platform " + platform);
        }
    }

    /**
     * The index of the picture's input, whose start is the wall time of the chunks' time zero. With the audio
     * first ({@code -isync 0}), FFmpeg still starts the picture at time zero with the sound ("Adjusted ts offset"
     * moves x11grab by the few tens of ms it opened later, and {@code -fps_mode cfr} puts its first frame at 0:
     * in a chunk 0 the first frame and the first audio sample share a time), so frame {@code n} was grabbed
     * {@code n/fps} after x11grab's start.
     */
    public int pictureInput() {
        return audioFirst() ? audio.size() : 0;
    }

    /** On Linux the audio inputs come first (see the class comment); elsewhere the picture does. */
    private boolean audioFirst() {
        return platform == Platform.LINUX_X11 && !audio.isEmpty();
    }

    /**
     * Restamps each frame to its slot at {@code fps} from the first, or to its grab time less
     * {@value #LATE_FRAME_S} s when it is later than that: see the class comment.
     */
    static String slotStamps(int fps) {
        return "setpts='max(STARTPTS+N/(" + fps + "*TB),PTS-" + LATE_FRAME_S + "/TB)'";
    }

    /** Scale into the frame keeping aspect, pad to it, and one audio track (a mix when there are two inputs). */
    String filterGraph() {
        int w = frameSize.width();
        int h = frameSize.height();
        int videoIndex = pictureInput();
        int audioIndex = audioFirst() ? 0 : 1;
        String slots = platform == Platform.LINUX_X11 ? slotStamps(fps) + "," : "";
        String download = grabsWithDdagrab() ? "hwdownload,format=bgra," : "";
        String video = "[" + videoIndex + ":v]" + slots + download + "scale=" + w + ":" + h
                + ":force_original_aspect_ratio=decrease:force_divisible_by=2,"
                + "pad=" + w + ":" + h + ":(ow-iw)/2:(oh-ih)/2:color=black,setsar=1," + encoder.filterFormat()
                + "[v]";
        String align = AudioStamps.align(platform == Platform.LINUX_X11 && !audio.isEmpty());
        if (audio.size() == 2) {
            return video + ";[" + audioIndex + ":a]" + align + "[a1];[" + (audioIndex + 1) + ":a]" + align + "[a2];"
                    + "[a1][a2]amix=inputs=2:duration=longest:normalize=0[a]";
        }
        return video + ";[" + audioIndex + ":a]" + align + "[a]";
    }

    private boolean grabsWithDdagrab() {
        return platform == Platform.WINDOWS && screenGrabber == ScreenGrabber.DDAGRAB
                && source instanceof CaptureSource.Screen;
    }

    /** A keyframe at every multiple of {@code seconds}: at each chunk's start (an IDR, {@link VideoEncoder}). */
    static String keyframesEvery(String seconds) {
        return "expr:gte(t,n_forced*" + seconds + ")";
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}

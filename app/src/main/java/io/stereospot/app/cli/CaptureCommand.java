package io.stereospot.app.cli;

import io.stereospot.app.platform.PlatformDirs;
import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.StopReason;
import io.stereospot.capture.ffmpeg.VideoEncoder;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.source.SourceUnavailableException;
import io.stereospot.media.process.ChildProcesses;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./stereospot capture}: one broadcast from the command line. Prints the playlist URL first, then the encoder
 * chosen and why not the others, then a line per uploaded chunk; Ctrl-C or {@code --duration} stops it cleanly
 * (last chunk uploaded, session ended, exit 0); a second Ctrl-C quits at once with status 130.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Stream a screen or window (and its sound) until Ctrl-C or --duration.",
        footer = {"", "Prints the playlist URL first (paste it in PotPlayer, 3D SBS mode), then a line per chunk.",
                "Ctrl-C stops cleanly (exit 0); a second Ctrl-C quits at once (exit 130)."})
final class CaptureCommand implements Callable<Integer> {

    private final Map<String, String> env;
    /** Adjusts the in-process server's settings (tests: a free port and a temporary data folder). */
    private final UnaryOperator<ServerConfig.Builder> localServer;

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", converter = HttpUrl.class,
            description = "The stream server (env STEREOSPOT_SERVER; default: one started in this process).")
    private URI server;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The API key a stream server open to others asks for when a broadcast starts"
                    + " (env STEREOSPOT_API_KEY); never printed or logged.")
    private String apiKey;

    @Option(names = "--source", paramLabel = "ID",
            description = "What to capture: screen:N, window:0x… or (Wayland) portal:screen, an id from ./stereospot"
                    + " sources (env STEREOSPOT_SOURCE).")
    private String sourceId;

    @Option(names = "--resolution", paramLabel = "R", converter = ResolutionOption.class,
            description = "auto (default: measures what this computer keeps smooth, 1080p30 down to 720p15, and steps"
                    + " down if it overloads), 720p or 1080p (env STEREOSPOT_RESOLUTION).")
    private Resolution resolution = Resolution.AUTO;

    @Option(names = "--encoder", paramLabel = "E", converter = EncoderOption.class,
            description = "auto (default: the first hardware encoder that works here, else x264), x264, nvenc, qsv,"
                    + " amf, vaapi or mf; a named one that does not work here stops with its reason (env"
                    + " STEREOSPOT_ENCODER).")
    private VideoEncoder encoder;

    @Option(names = "--system-audio", description = "Capture what the computer plays.")
    private boolean systemAudio;

    @Option(names = "--mic", description = "Capture the microphone (mixed with system audio when both are on).")
    private boolean microphone;

    @Option(names = "--duration", paramLabel = "D", converter = DurationOption.CaptureDuration.class,
            description = "Stop by itself once D of stream is captured (e.g. 90s, 5m, 1h; env STEREOSPOT_DURATION);"
                    + " default: until Ctrl-C.")
    private Duration duration;

    CaptureCommand() {
        this(System.getenv(), b -> b.dataDir(PlatformDirs.forThisUser().data()));
    }

    CaptureCommand(Map<String, String> env, UnaryOperator<ServerConfig.Builder> localServer) {
        this.env = env;
        this.localServer = localServer;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String id = checkedSource();
        SourceCatalog catalog = SourceCatalog.forThisPlatform(env);
        catalog.platformWarning().ifPresent(w -> err.println("Warning: " + w));
        CaptureSource source;
        try {
            source = catalog.find(id).orElse(null);
        } catch (SourceUnavailableException e) {
            err.println(e.getMessage());
            return Cli.FAILURE;
        }
        if (source == null) {
            err.println("There is no source '" + id + "' on this computer now: run ./stereospot"
                    + " sources to list what can be captured.");
            return Cli.FAILURE;
        }
        StreamServer local = null;
        URI serverUrl = server;
        if (serverUrl == null) {
            local = startLocalServer(err);
            serverUrl = local.baseUrl();
        }
        try {
            CaptureSettings settings = CaptureSettings.defaults(source).withResolution(resolution)
                    .withSystemAudio(systemAudio).withMicrophone(microphone).withMaxDuration(duration)
                    .withEncoder(encoder);
            CapturePrinter printer = new CapturePrinter(out, err);
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(serverUrl).withApiKey(apiKey), printer)
                    .catalog(catalog).encoderCache(PlatformDirs.forThisUser(env).encoderCache()).build();
            AtomicInteger interrupts = new AtomicInteger();
            boolean ownsCtrlC = InterruptSignal.onInterrupt(() -> {
                if (interrupts.incrementAndGet() == 1) {
                    err.println("Stopping: finishing the last chunk and ending the session (Ctrl-C again to quit"
                            + " at once)…");
                    broadcast.requestStop();
                } else {
                    ChildProcesses.endAll();
                    Runtime.getRuntime().halt(Cli.INTERRUPTED_TWICE);
                }
            });
            Thread hook = new Thread(broadcast::stop, "stereospot-capture-stop");
            if (!ownsCtrlC) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            broadcast.start();
            BroadcastState end = broadcast.termination().join();
            if (!ownsCtrlC) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C already started the shutdown; the hook finishes the job.
                }
            }
            String encoder = broadcast.encoderProgress().map(CaptureCommand::encoderSummary).orElse("");
            if (end == BroadcastState.STOPPED) {
                out.println("Stopped (" + reason(broadcast.stopReason().orElse(StopReason.USER_REQUESTED)) + "): "
                        + broadcast.chunksUploaded() + " chunks uploaded, session ended." + encoder);
                return 0;
            }
            err.println(broadcast.failureMessage().orElse("The broadcast failed."));
            String ffmpeg = broadcast.lastEncoderError();
            if (broadcast.stopReason().filter(r -> r == StopReason.ENCODER_FAILED).isPresent() && !ffmpeg.isBlank()) {
                err.println("FFmpeg's last messages:");
                ffmpeg.lines().forEach(l -> err.println("  " + l));
            }
            return Cli.FAILURE;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private StreamServer startLocalServer(PrintWriter err) {
        ServerConfig.Builder config = localServer.apply(ServerConfig.builder());
        try {
            return StreamServer.start(config.build());
        } catch (RuntimeException e) {
            // The usual cause: ./stereospot server (or another capture) already holds the default ports.
            ServerConfig fallback = config.port(0).build();
            StreamServer server = StreamServer.start(fallback);
            err.println("Note: the default port " + ServerConfig.DEFAULT_PORT + " is taken (is ./stereospot server"
                    + " running? then pass --server http://127.0.0.1:" + ServerConfig.DEFAULT_PORT
                    + "); using " + server.baseUrl() + " for this capture.");
            return server;
        }
    }

    /** The --source id, normalised; a usage error when it is missing or not an id. */
    private String checkedSource() {
        if (sourceId == null) {
            throw new ParameterException(spec.commandLine(),
                    "Say what to capture with --source (ids come from ./stereospot sources).");
        }
        if (!sourceId.startsWith(CaptureSource.SCREEN_PREFIX) && !sourceId.startsWith(CaptureSource.PORTAL_PREFIX)
                && CaptureSource.windowHandleOf(sourceId).isEmpty()) {
            // (On Wayland also portal:screen and portal:window, which sources lists there.)
            throw new ParameterException(spec.commandLine(),
                    "--source takes screen:N or window:0x… (from ./stereospot sources), not '" + sourceId + "'.");
        }
        // window:0X1E00003 and window:1e00003 name the same window as window:0x1e00003.
        return CaptureSource.windowHandleOf(sourceId)
                .map(h -> CaptureSource.WINDOW_PREFIX + "0x" + Long.toHexString(h)).orElse(sourceId);
    }

    /** {@code --server}: an http(s) URL with a host. */
    static final class HttpUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = URI.create(value);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("The server must be an http(s) URL such as http://127.0.0.1:8470,"
                        + " not '" + value + "'.");
            }
        }
    }

    /** {@code --resolution}: auto, 720p or 1080p. */
    static final class ResolutionOption implements ITypeConverter<Resolution> {
        @Override
        public Resolution convert(String value) {
            try {
                return Resolution.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --encoder}: auto (null) or a {@link VideoEncoder} by name. */
    static final class EncoderOption implements ITypeConverter<VideoEncoder> {
        @Override
        public VideoEncoder convert(String value) {
            if ("auto".equalsIgnoreCase(value.strip())) {
                return null;
            }
            return VideoEncoder.parse(value).orElseThrow(() -> new TypeConversionException("The encoder must be"
                    + " auto, x264, nvenc, qsv, amf, vaapi or mf, not '" + value + "'."));
        }
    }

    private static String reason(StopReason reason) {
        return switch (reason) {
            case DURATION_REACHED -> "--duration reached";
            case CREDENTIALS_EXPIRING -> "the upload credentials were about to expire";
            case SESSION_QUOTA_REACHED -> "the session's upload quota on the server is used up";
            default -> "as asked";
        };
    }

    private static String encoderSummary(EncoderProgress p) {
        return String.format(Locale.ROOT, " Encoder: %.2fx real time, %d frames, %d dropped, %d duplicated.",
                p.speed(), p.frames(), p.droppedFrames(), p.duplicatedFrames());
    }
}

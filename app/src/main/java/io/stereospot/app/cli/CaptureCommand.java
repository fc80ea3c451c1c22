package io.stereospot.app.cli;

import io.stereospot.capture.Broadcast;
import io.stereospot.capture.BroadcastListener;
import io.stereospot.capture.BroadcastState;
import io.stereospot.capture.CaptureSettings;
import io.stereospot.capture.EncoderProgress;
import io.stereospot.capture.Resolution;
import io.stereospot.capture.StopReason;
import io.stereospot.capture.ffmpeg.FfmpegProcess;
import io.stereospot.capture.session.SessionClient;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.source.SourceUnavailableException;
import io.stereospot.contract.StreamSession;
import io.stereospot.server.ServerConfig;
import io.stereospot.server.StreamServer;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * {@code ./stereospot capture}: one broadcast from the command line. Prints the playlist URL first, then a line per
 * uploaded chunk; Ctrl-C or {@code --duration} stops it cleanly (last chunk uploaded, session ended, exit 0).
 */
final class CaptureCommand implements Subcommand {

    static final String SERVER_ENV = "STEREOSPOT_SERVER";

    private final Map<String, String> env;
    /** Adjusts the in-process server's settings (tests: a free port and a temporary data folder). */
    private final UnaryOperator<ServerConfig.Builder> localServer;

    CaptureCommand() {
        this(System.getenv(), UnaryOperator.identity());
    }

    CaptureCommand(Map<String, String> env, UnaryOperator<ServerConfig.Builder> localServer) {
        this.env = env;
        this.localServer = localServer;
    }

    @Override
    public String name() {
        return "capture";
    }

    @Override
    public String summary() {
        return "stream a screen or window (and its sound) until Ctrl-C or --duration";
    }

    @Override
    public String usage() {
        return String.join(System.lineSeparator(),
                "Usage: ./stereospot capture [--server URL] --source screen:0|window:ID [--resolution 720p|1080p]",
                "                            [--system-audio] [--mic] [--duration 60s]",
                "  --server URL        the stream server (default: $" + SERVER_ENV
                        + ", else one started in this process)",
                "  --source ID         what to capture: an id from ./stereospot sources",
                "  --resolution R      720p (default) or 1080p",
                "  --system-audio      capture what the computer plays",
                "  --mic               capture the microphone (mixed with system audio when both are on)",
                "  --duration D        stop by itself after D (e.g. 90s, 5m, 1h); default: until Ctrl-C",
                "Prints the playlist URL first (paste it in PotPlayer, 3D SBS mode), then a line per chunk.");
    }

    private record Options(URI server, String sourceId, Resolution resolution, boolean systemAudio,
                           boolean microphone, Duration duration) {
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options options = parse(args);
        SourceCatalog catalog = SourceCatalog.forThisPlatform(env);
        catalog.platformWarning().ifPresent(w -> err.println("Warning: " + w));
        CaptureSource source;
        try {
            source = catalog.find(options.sourceId()).orElse(null);
        } catch (SourceUnavailableException e) {
            err.println(e.getMessage());
            return 1;
        }
        if (source == null) {
            err.println("There is no source '" + options.sourceId() + "' on this computer now: run ./stereospot"
                    + " sources to list what can be captured.");
            return 1;
        }
        StreamServer local = null;
        URI server = options.server();
        if (server == null) {
            local = startLocalServer(err);
            server = local.baseUrl();
        }
        try {
            CaptureSettings settings = CaptureSettings.defaults(source).withResolution(options.resolution())
                    .withSystemAudio(options.systemAudio()).withMicrophone(options.microphone())
                    .withMaxDuration(options.duration());
            Printer printer = new Printer(out, err);
            Broadcast broadcast = Broadcast.builder(settings, new SessionClient(server), printer).catalog(catalog)
                    .build();
            AtomicInteger interrupts = new AtomicInteger();
            boolean ownsCtrlC = InterruptSignal.onInterrupt(() -> {
                if (interrupts.incrementAndGet() == 1) {
                    err.println("Stopping: finishing the last chunk and ending the session (Ctrl-C again to quit"
                            + " at once)…");
                    broadcast.requestStop();
                } else {
                    FfmpegProcess.killAll();
                    Runtime.getRuntime().halt(130);
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
            return 1;
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private StreamServer startLocalServer(PrintStream err) {
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

    private Options parse(List<String> args) throws UsageException {
        URI server = null;
        String source = null;
        Resolution resolution = Resolution.P720;
        boolean systemAudio = false;
        boolean microphone = false;
        Duration duration = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--system-audio" -> systemAudio = true;
                case "--mic" -> microphone = true;
                case "--server", "--source", "--resolution", "--duration" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("'" + flag + "' needs a value.");
                    }
                    String value = args.get(++i);
                    switch (flag) {
                        case "--server" -> server = serverUrl(value);
                        case "--source" -> source = value;
                        case "--resolution" -> resolution = resolution(value);
                        default -> duration = duration(value);
                    }
                }
                default -> throw new UsageException("Unknown option '" + flag + "'.");
            }
        }
        if (source == null) {
            throw new UsageException("Say what to capture with --source (ids come from ./stereospot sources).");
        }
        if (!source.startsWith(CaptureSource.SCREEN_PREFIX) && CaptureSource.windowHandleOf(source).isEmpty()) {
            throw new UsageException("--source takes screen:N or window:0x… (from ./stereospot sources), not '"
                    + source + "'.");
        }
        if (server == null && env.get(SERVER_ENV) != null && !env.get(SERVER_ENV).isBlank()) {
            server = serverUrl(env.get(SERVER_ENV));
        }
        return new Options(server, normalise(source), resolution, systemAudio, microphone, duration);
    }

    /** {@code window:0X1E00003} and {@code window:1e00003} name the same window as {@code window:0x1e00003}. */
    private static String normalise(String source) {
        return CaptureSource.windowHandleOf(source)
                .map(h -> CaptureSource.WINDOW_PREFIX + "0x" + Long.toHexString(h)).orElse(source);
    }

    private static URI serverUrl(String value) throws UsageException {
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("The server must be an http(s) URL such as http://127.0.0.1:8470, not '"
                    + value + "'.");
        }
    }

    private static Resolution resolution(String value) throws UsageException {
        try {
            return Resolution.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Duration duration(String value) throws UsageException {
        Duration duration = DurationOption.parse("--duration", value);
        if (duration.toMillis() < 1000) {
            throw new UsageException("--duration must be at least 1 s.");
        }
        return duration;
    }

    private static String reason(StopReason reason) {
        return switch (reason) {
            case DURATION_REACHED -> "--duration reached";
            case CREDENTIALS_EXPIRING -> "the upload credentials were about to expire";
            default -> "as asked";
        };
    }

    private static String encoderSummary(EncoderProgress p) {
        return String.format(Locale.ROOT, " Encoder: %.2fx real time, %d frames, %d dropped, %d duplicated.",
                p.speed(), p.frames(), p.droppedFrames(), p.duplicatedFrames());
    }

    /** Prints what the engine reports; its calls come one at a time from the engine's event thread. */
    private static final class Printer implements BroadcastListener {
        private final PrintStream out;
        private final PrintStream err;

        Printer(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void sessionStarted(StreamSession session) {
            out.println("Playlist: " + session.playlistUrl());
            out.println("Paste it in PotPlayer (3D SBS mode). Ctrl-C stops the stream.");
            if (session.renewal() == null) {
                // Only an older server sets a limit; a renewing one is silent about it.
                out.println("This server does not renew upload credentials: the stream stops by itself shortly"
                        + " before they expire (" + session.upload().expiresAt() + ").");
            }
        }

        @Override
        public void chunkUploaded(int index, long bytes, long publishLatencyMs) {
            out.printf(Locale.ROOT, "chunk %05d uploaded: %.2f MB, published %d ms after it was complete%n", index,
                    bytes / 1_000_000.0, publishLatencyMs);
        }

        @Override
        public void warning(String sentence) {
            err.println("Warning: " + sentence);
        }
    }
}

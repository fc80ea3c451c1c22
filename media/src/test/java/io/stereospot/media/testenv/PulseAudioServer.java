package io.stereospot.media.testenv;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private PulseAudio server with one null sink ({@value #SINK}) as its default: whatever is played into it can be
 * recorded from {@code spk.monitor}, as "system audio" is on a desktop. Its own XDG_RUNTIME_DIR keeps it apart
 * from any other PulseAudio on the machine; every client must get {@link #environment()}.
 */
public final class PulseAudioServer implements AutoCloseable {

    public static final String SINK = "spk";
    /** With a microphone: what is played into this sink comes out of the source {@value #MICROPHONE}. */
    public static final String MICROPHONE_SINK = "micsink";
    public static final String MICROPHONE = "mic";

    private final Process process;
    private final Map<String, String> environment;

    private PulseAudioServer(Process process, Map<String, String> environment) {
        this.process = process;
        this.environment = environment;
    }

    public static PulseAudioServer start(Path workDir) {
        return start(workDir, false);
    }

    /**
     * @param microphone also create a microphone: a source {@value #MICROPHONE} (the default source) that records
     *                   whatever is played into the sink {@value #MICROPHONE_SINK}
     */
    public static PulseAudioServer start(Path workDir, boolean microphone) {
        try {
            Path home = Files.createDirectories(workDir.resolve("home"));
            Path runtime = Files.createDirectories(workDir.resolve("xdg"));
            Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> env = Map.of(
                    "HOME", home.toString(),
                    "XDG_RUNTIME_DIR", runtime.toString(),
                    "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                    "PULSE_SERVER", "unix:" + runtime.resolve("pulse/native"));
            Process process = HelperPrograms.start(List.of("pulseaudio", "--daemonize=no", "--exit-idle-time=-1",
                    "--disallow-exit", "-n", "--use-pid-file=no", "--load=module-native-protocol-unix",
                    // The text command socket: a test plays a cached sample with one write, no process start.
                    "--load=module-cli-protocol-unix",
                    "--load=module-null-sink sink_name=" + SINK + " rate=48000 channels=2"),
                    env, workDir.resolve("pulseaudio.log"));
            PulseAudioServer server = new PulseAudioServer(process, env);
            HelperPrograms.prioritise(process);
            try {
                Await.until(() -> !process.isAlive() || HelperPrograms.succeeds(List.of("pactl", "info"), env, 3000),
                        Duration.ofSeconds(15), "PulseAudio to answer");
                if (!process.isAlive()) {
                    throw new IllegalStateException("PulseAudio exited: "
                            + Files.readString(workDir.resolve("pulseaudio.log")));
                }
                HelperPrograms.run(List.of("pactl", "set-default-sink", SINK), env, 5000);
                if (microphone) {
                    HelperPrograms.run(List.of("pactl", "load-module", "module-null-sink",
                            "sink_name=" + MICROPHONE_SINK, "rate=48000", "channels=2"), env, 5000);
                    HelperPrograms.run(List.of("pactl", "load-module", "module-remap-source",
                            "source_name=" + MICROPHONE, "master=" + MICROPHONE_SINK + ".monitor"), env, 5000);
                    HelperPrograms.run(List.of("pactl", "set-default-source", MICROPHONE), env, 5000);
                    HelperPrograms.run(List.of("pactl", "set-default-sink", SINK), env, 5000);
                }
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** XDG_RUNTIME_DIR, PULSE_SERVER and HOME for clients (pactl, paplay, ffmpeg). */
    public Map<String, String> environment() {
        return environment;
    }

    /** Plays a WAV file into the null sink, in the background; end it with {@link Process#destroy()}. */
    public Process play(Path wav) {
        return play(wav, SINK);
    }

    /** Plays a WAV file into {@code sink}, in the background. */
    public Process play(Path wav, String sink) {
        return HelperPrograms.start(List.of("paplay", "-d", sink, wav.toString()), environment, null);
    }

    /**
     * Keeps a low-latency stream of silence playing into the sink. A desktop playing sound always has one; without
     * it the null sink runs with a long latency, its monitor delivers sound in large lumps and the recorder's
     * timestamps wander by a few hundred milliseconds.
     */
    public Process playSilence() {
        return HelperPrograms.start(List.of("pacat", "--playback", "-d", SINK, "--format=s16le", "--rate=48000",
                "--channels=2", "--latency-msec=20", "--raw", "/dev/zero"), environment, null);
    }

    /** Stores a WAV in the server's sample cache under {@code name}, for {@link SampleTrigger#play}. */
    public void uploadSample(Path wav, String name) {
        HelperPrograms.run(List.of("pactl", "upload-sample", wav.toString(), name), environment, 10_000);
    }

    /** A connection to the server's command socket that plays cached samples at once when asked. */
    public SampleTrigger sampleTrigger() {
        return new SampleTrigger(Path.of(environment.get("XDG_RUNTIME_DIR"), "pulse", "cli"));
    }

    /** Plays cached samples into the sink with one socket write each: a sound starts within a few ms. */
    public static final class SampleTrigger implements AutoCloseable {
        private final SocketChannel channel;

        private SampleTrigger(Path socket) {
            try {
                this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                throw new UncheckedIOException("PulseAudio's command socket " + socket + " does not answer", e);
            }
        }

        public synchronized void play(String sample) {
            try {
                ByteBuffer command = ByteBuffer.wrap(("play-sample " + sample + " " + SINK + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
                while (command.hasRemaining()) {
                    channel.write(command);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        HelperPrograms.end(process);
    }
}

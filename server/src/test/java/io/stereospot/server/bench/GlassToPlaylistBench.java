package io.stereospot.server.bench;

import io.stereospot.media.FfmpegBinaries;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Glass-to-playlist latency per converter (copy, the anchor, then sbs, the default, in the same run): from a frame's
 * capture to its segment being listed in the
 * playlist. FFmpeg produces frames in real time ({@code -re} on a test pattern, 720p), cuts 5 s chunks as the
 * capture engine does, and each finished chunk is uploaded at once with the session's credentials through the
 * real server; a poller reads the playlist every 10 ms. ({@code -readrate_initial_burst 0}: FFmpeg would otherwise
 * run half a second ahead of the clock, which no capture can.)
 *
 * <p>The first frame of chunk i is the one whose arrival closed chunk i-1 (the segment muxer closes a chunk when the
 * next chunk's first frame comes in), so its capture time is when chunk i-1's line appeared in the segment list;
 * for chunk 0 it is when FFmpeg was started (early, so that figure errs on the long side). Its latency includes the
 * 5 s the chunk takes to fill, so the goal is chunk duration + 1 s = 6 s. The pipeline's own share is shown too:
 * from the chunk being closed to its segment being listed.
 *
 * <p>What sbs adds over copy is the conversion's own time, which every viewer waits for.
 *
 * <p>Run: {@code scripts/bench-playback.sh GlassToPlaylistBench}; {@code -Dconverters=copy,sbs} (the default) and
 * {@code -Dpattern=…} (an FFmpeg lavfi source at 1280x720; default {@code testsrc2}) through {@code BENCH_JAVA_OPTS}.
 */
public final class GlassToPlaylistBench {

    static final int CHUNKS = Integer.getInteger("chunks", 8);
    static final String PATTERN = System.getProperty("pattern", "testsrc2");

    /** Medians of one converter's run, in seconds. */
    private record Medians(double glassToPlaylist, double closedToListed) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Medians> runs = new java.util.LinkedHashMap<>();
        for (String converter : System.getProperty("converters", "copy,sbs").split(",")) {
            System.out.printf("%n== converter %s, pattern %s ==%n", converter, PATTERN);
            runs.put(converter, measure(ConverterSettings.fromOptions(converter, null, null)));
        }
        Medians anchor = runs.get("copy");
        for (Map.Entry<String, Medians> run : runs.entrySet()) {
            System.out.printf("%-5s glass-to-playlist median %.3f s, closed-to-listed median %.3f s%s%n",
                    run.getKey(), run.getValue().glassToPlaylist(), run.getValue().closedToListed(),
                    anchor == null || run.getValue() == anchor ? ""
                            : String.format(" (%+.3f s over copy's, %.2fx)",
                                    run.getValue().closedToListed() - anchor.closedToListed(),
                                    run.getValue().closedToListed() / anchor.closedToListed()));
        }
    }

    private static Medians measure(ConverterSettings converter) throws Exception {
        Path dir = Files.createTempDirectory("glass-bench");
        Path spool = Files.createDirectories(dir.resolve("spool"));
        try (PlaybackHarness server = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(converter))) {
            String session = server.createSession();
            Map<Integer, Long> listedAt = new ConcurrentHashMap<>();
            Thread poller = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted() && listedAt.size() < CHUNKS) {
                    long n = PlaybackHarness.segmentCount(server.playlist(session));
                    long now = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        listedAt.putIfAbsent(i, now);
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "playlist-poller");
            poller.setDaemon(true);
            poller.start();

            List<String> command = List.of(FfmpegBinaries.ffmpeg().toString(), "-nostdin", "-hide_banner",
                    "-loglevel", "error", "-re", "-readrate_initial_burst", "0",
                    "-f", "lavfi", "-i", PATTERN + "=size=1280x720:rate=" + TestChunks.FRAME_RATE,
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", String.valueOf(CHUNKS * TestChunks.CHUNK_SECONDS),
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    "-force_key_frames", "expr:gte(t,n_forced*" + TestChunks.CHUNK_SECONDS + ")",
                    "-c:a", "aac", "-b:a", "96k",
                    "-f", "segment", "-segment_time", String.valueOf(TestChunks.CHUNK_SECONDS),
                    "-reset_timestamps", "1", "-segment_format", "mp4",
                    "-segment_list", spool.resolve("list.csv").toString(), "-segment_list_type", "csv",
                    spool.resolve("chunk_%05d.mp4").toString());
            long t0 = System.nanoTime();
            Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();

            // The segment list gets a line the moment a chunk is closed; upload it right then.
            long[] closedAt = new long[CHUNKS];
            int next = 0;
            Path list = spool.resolve("list.csv");
            while (next < CHUNKS) {
                List<String> lines = Files.exists(list) ? Files.readAllLines(list) : List.of();
                if (lines.size() > next) {
                    closedAt[next] = System.nanoTime();
                    server.upload(session, next, spool.resolve(String.format("chunk_%05d.mp4", next)));
                    next++;
                } else if (!ffmpeg.isAlive() && lines.size() <= next) {
                    throw new IllegalStateException("FFmpeg stopped early: "
                            + Files.readString(dir.resolve("ffmpeg.log")));
                } else {
                    Thread.sleep(2);
                }
            }
            ffmpeg.waitFor(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (listedAt.size() < CHUNKS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            poller.interrupt();

            List<Double> glass = new ArrayList<>();
            List<Double> pipeline = new ArrayList<>();
            System.out.println("chunk  first frame captured  chunk closed  listed   glass-to-playlist  closed-to-listed");
            for (int i = 0; i < CHUNKS; i++) {
                Long listed = listedAt.get(i);
                if (listed == null) {
                    System.out.printf("%5d  never listed%n", i);
                    continue;
                }
                double captured = i == 0 ? 0 : (closedAt[i - 1] - t0) / 1e9;
                double closed = (closedAt[i] - t0) / 1e9;
                double shown = (listed - t0) / 1e9;
                glass.add(shown - captured);
                pipeline.add(shown - closed);
                System.out.printf("%5d  %8.3f s  %12.3f s  %8.3f s  %10.3f s  %12.3f s%n", i, captured, closed,
                        shown, shown - captured, shown - closed);
            }
            System.out.printf("glass-to-playlist (first frame of a chunk): median %.3f s, max %.3f s "
                            + "(goal <= %d s + 1 s); pipeline after the chunk closed: median %.3f s, max %.3f s%n",
                    median(glass), glass.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                    TestChunks.CHUNK_SECONDS, median(pipeline),
                    pipeline.stream().mapToDouble(d -> d).max().orElse(Double.NaN));
            return new Medians(median(glass), median(pipeline));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}

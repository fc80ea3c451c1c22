package io.stereospot.server.load;

import io.stereospot.server.testing.TestChunks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Not a test: the load harness's command line, one run against a server that is already running.
 *
 * <pre>
 * LoadHarness --server URL --streams N [--players M] [--seconds S] [--server-pid PID] [--store DIR]
 *             [--chunks DIR] [--chunk-size WxH] [--drain-seconds S]
 * </pre>
 *
 * Prints a Markdown table row for {@code docs/reliability.md} and the details beneath it; exit status 0 when the
 * server kept up, 3 when it did not. Run it through {@code scripts/load-test.sh}, which starts a fresh server for
 * each stream count.
 */
public final class LoadHarness {

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        URI server = null;
        int streams = 5;
        int players = -1;
        int seconds = 300;
        OptionalLong pid = OptionalLong.empty();
        Optional<Path> store = Optional.empty();
        Path chunksDir = null;
        String size = "1280x720";
        int drainSeconds = 300;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--server" -> server = URI.create(value);
                case "--streams" -> streams = Integer.parseInt(value);
                case "--players" -> players = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--server-pid" -> pid = OptionalLong.of(Long.parseLong(value));
                case "--store" -> store = Optional.of(Path.of(value));
                case "--chunks" -> chunksDir = Path.of(value);
                case "--chunk-size" -> size = value;
                case "--drain-seconds" -> drainSeconds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
            i++;
        }
        if (server == null) {
            throw new IllegalArgumentException("--server URL is required (the API base of a running server)");
        }
        LoadOptions options = new LoadOptions(streams, players < 0 ? streams : players, Duration.ofSeconds(seconds),
                Duration.ofSeconds(TestChunks.CHUNK_SECONDS), server, pid, store, Duration.ofSeconds(drainSeconds));
        List<Path> chunks = chunks(chunksDir != null ? chunksDir : Files.createTempDirectory("load-chunks"), size);
        System.out.printf("Load run: %d streams, %d players, %d s, %d chunk files of %s (%d KB each on average)%n",
                options.streams(), options.players(), seconds, chunks.size(), size, averageKb(chunks));
        LoadResult result = new LoadRun(options, chunks).run();
        System.out.println(LoadResult.tableHeader());
        System.out.println(result.tableRow());
        System.out.println(result.details());
        System.exit(result.keepsUp() ? 0 : 3);
    }

    /** Six distinct real chunks (H.264 + AAC, 5 s), made once and reused by later runs. */
    static List<Path> chunks(Path dir, String size) throws Exception {
        String[] wh = size.split("x");
        int count = 6;
        List<Path> existing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path chunk = dir.resolve(String.format("chunk_%05d.mp4", i));
            if (Files.isRegularFile(chunk)) {
                existing.add(chunk);
            }
        }
        if (existing.size() == count && Files.exists(dir.resolve(size))) {
            return existing;
        }
        List<Path> made = TestChunks.make(dir, count, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
        Files.writeString(dir.resolve(size), size);
        return made;
    }

    private static long averageKb(List<Path> chunks) throws Exception {
        long total = 0;
        for (Path chunk : chunks) {
            total += Files.size(chunk);
        }
        return total / chunks.size() / 1024;
    }
}

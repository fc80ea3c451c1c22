package io.stereospot.server.bench;

import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.playback.PlaybackSettings;
import io.stereospot.media.testenv.Await;
import io.stereospot.server.testing.PlaybackHarness;
import io.stereospot.server.testing.TestChunks;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Playlist GETs per second and p99 latency with 64 connections (wrk), against nginx serving a static copy of the
 * same playlist in the same run. The session is live (not ended), so our server rebuilds its playlist from the
 * store once per second during the run, as it would for real viewers.
 *
 * <p>Run: {@code scripts/bench-playback.sh PlaylistThroughputBench}
 */
public final class PlaylistThroughputBench {

    static final int SEGMENTS = 60;
    static final int CONNECTIONS = 64;
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final Duration RUN = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("playlist-bench");
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), SEGMENTS, 160, 120);
        try (PlaybackHarness server = PlaybackHarness.start(dir,
                PlaybackSettings.defaults().withConverter(ConverterSettings.copy()))) {
            String session = server.createSession();
            for (int i = 0; i < SEGMENTS; i++) {
                server.upload(session, i, chunks.get(i));
            }
            Await.until(SEGMENTS + " segments listed",
                    () -> PlaybackHarness.segmentCount(server.playlist(session)) == SEGMENTS, Duration.ofMinutes(5));
            String path = "/stream/" + session + "/playlist.m3u8";
            String playlist = server.playlist(session);
            Path www = dir.resolve("www");
            Files.createDirectories(www.resolve("stream/" + session));
            Files.writeString(www.resolve(path.substring(1)), playlist);

            try (StaticNginx nginx = StaticNginx.serve(www, dir.resolve("nginx"))) {
                URI ours = server.baseUrl().resolve(path);
                URI theirs = nginx.url(path);
                System.out.printf("Playlist of %d segments, %d bytes; wrk -t2 -c%d -d%ds, %d rounds, alternating%n",
                        SEGMENTS, playlist.length(), CONNECTIONS, RUN.toSeconds(), ROUNDS);
                Wrk.run(ours, CONNECTIONS, 2, Duration.ofSeconds(10)); // warm-up (JIT)
                Wrk.run(theirs, CONNECTIONS, 2, Duration.ofSeconds(3));
                List<Wrk.Result> oursResults = new ArrayList<>();
                List<Wrk.Result> nginxResults = new ArrayList<>();
                for (int round = 1; round <= ROUNDS; round++) {
                    Wrk.Result a = Wrk.run(ours, CONNECTIONS, 2, RUN);
                    Wrk.Result b = Wrk.run(theirs, CONNECTIONS, 2, RUN);
                    oursResults.add(a);
                    nginxResults.add(b);
                    System.out.printf("round %d: stereospot %s | nginx %s%n", round, a, b);
                }
                Wrk.Result a = median(oursResults);
                Wrk.Result b = median(nginxResults);
                // Why the playlist bypasses the framework: the cheapest framework route of the same server.
                Wrk.Result framework = Wrk.run(server.baseUrl().resolve("/healthz"), CONNECTIONS, 2, RUN);
                System.out.printf("same server, GET /healthz through Javalin: %s%n", framework);
                System.out.printf("median: stereospot %.0f req/s p99 %.2f ms | nginx %.0f req/s p99 %.2f ms"
                        + " | ratio %.2f of nginx's rate (goal >= 0.5)%n", a.requestsPerSecond(), a.p99Ms(),
                        b.requestsPerSecond(), b.p99Ms(), a.requestsPerSecond() / b.requestsPerSecond());
            }
        }
    }

    private static Wrk.Result median(List<Wrk.Result> results) {
        List<Double> rates = results.stream().map(Wrk.Result::requestsPerSecond).sorted().toList();
        List<Double> p50 = results.stream().map(Wrk.Result::p50Ms).sorted().toList();
        List<Double> p99 = results.stream().map(Wrk.Result::p99Ms).sorted(Comparator.naturalOrder()).toList();
        int mid = results.size() / 2;
        return new Wrk.Result(rates.get(mid), p50.get(mid), p99.get(mid), "");
    }
}

package io.stereospot.server.bench;

import io.stereospot.server.StreamServer;
import io.stereospot.server.testing.Latencies;
import io.stereospot.server.testing.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: session creates per second and their p50/p99 latency, next to {@code GET /healthz} of the same server
 * in the same run (the anchor: what the HTTP stack alone costs on this machine). Each create is a full round:
 * SigV4-signed AssumeRole against the embedded STS (which writes a 0600 credential file), then a PutObject of the
 * session record into the embedded store.
 *
 * <p>Run: {@code scripts/bench-server.sh [workers] [seconds-per-round] [rounds]} (defaults 4, 10, 3).
 */
public final class SessionCreateBenchmark {

    private SessionCreateBenchmark() {
    }

    record Round(String name, int requests, double seconds, long[] latenciesNanos, int failures) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            return Latencies.percentileMs(latenciesNanos, p);
        }
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dataDir = Files.createTempDirectory("stereospot-bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (StreamServer server = TestServers.embedded(dataDir)) {
            URI health = URI.create(server.baseUrl() + "/healthz");
            URI create = URI.create(server.baseUrl() + "/stream_sessions");
            System.out.printf(Locale.ROOT, "server %s, %d workers, %d s per round, %d rounds, %d cores%n",
                    server.baseUrl(), workers, seconds, rounds, Runtime.getRuntime().availableProcessors());
            run("warm-up healthz", http, health, false, workers, Duration.ofSeconds(3));
            run("warm-up create", http, create, true, workers, Duration.ofSeconds(3));

            List<Round> healthRounds = new ArrayList<>();
            List<Round> createRounds = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                healthRounds.add(print(run("GET /healthz", http, health, false, workers, Duration.ofSeconds(seconds))));
                createRounds.add(print(run("POST /stream_sessions", http, create, true, workers,
                        Duration.ofSeconds(seconds))));
            }
            double healthRate = median(healthRounds.stream().mapToDouble(Round::perSecond).toArray());
            double createRate = median(createRounds.stream().mapToDouble(Round::perSecond).toArray());
            double healthP50 = median(healthRounds.stream().mapToDouble(r -> r.percentileMs(50)).toArray());
            double createP50 = median(createRounds.stream().mapToDouble(r -> r.percentileMs(50)).toArray());
            double healthP99 = median(healthRounds.stream().mapToDouble(r -> r.percentileMs(99)).toArray());
            double createP99 = median(createRounds.stream().mapToDouble(r -> r.percentileMs(99)).toArray());
            System.out.println();
            System.out.println("| endpoint | requests/s | p50 ms | p99 ms |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| GET /healthz (anchor) | %.0f | %.2f | %.2f |%n", healthRate, healthP50,
                    healthP99);
            System.out.printf(Locale.ROOT, "| POST /stream_sessions | %.0f | %.2f | %.2f |%n", createRate, createP50,
                    createP99);
            System.out.printf(Locale.ROOT, "| create / healthz | %.3f× | %.1f× | %.1f× |%n", createRate / healthRate,
                    createP50 / healthP50, createP99 / healthP99);
            System.out.println("(medians of " + rounds + " alternating rounds; client and server share the machine)");
        } finally {
            deleteTree(dataDir);
        }
    }

    private static Round print(Round round) {
        System.out.printf(Locale.ROOT, "%-22s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d failed)%n",
                round.name(), round.perSecond(), round.percentileMs(50), round.percentileMs(99), round.requests(),
                round.failures());
        return round;
    }

    private static Round run(String name, HttpClient http, URI uri, boolean post, int workers, Duration length)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<long[]>> results = new ArrayList<>();
        int[] failures = new int[workers];
        for (int w = 0; w < workers; w++) {
            int worker = w;
            results.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                HttpRequest request = post
                        ? HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"sbs\"}")).build()
                        : HttpRequest.newBuilder(uri).GET().build();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long t1 = System.nanoTime();
                    if (response.statusCode() != (post ? 201 : 200)) {
                        failures[worker]++;
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = t1 - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Round(name, merged.length, seconds, merged, Arrays.stream(failures).sum());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

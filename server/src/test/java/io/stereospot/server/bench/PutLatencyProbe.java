package io.stereospot.server.bench;

import io.stereospot.contract.StreamSession;
import io.stereospot.contract.UploadGrant;
import io.stereospot.server.StreamServer;
import io.stereospot.server.convert.ConverterSettings;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.TestServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Not a test: times PutObjects of a 2.5 MB chunk against the embedded store with a session's credentials (the client
 * configured as capture's S3ChunkStore configures it, so the request passes SessionTokenFilter and
 * GrantEnforcingBlobStore), next to the server's own root client (no wrappers) in the same run, 3 rounds each.
 * Prints wall-clock median/p95/max and the process CPU per PUT (client and server share this JVM), and the CPU per
 * thread group over the last session round.
 *
 * <p>Run: {@code scripts/bench-put.sh [puts-per-round]} (default 20). Options (-D via BENCH_JAVA_OPTS):
 * {@code probe.unchunked=true} signs the whole payload instead of aws-chunked streaming signatures,
 * {@code probe.headers=true} prints the first request's headers, {@code probe.gapMs=N} idles N ms before each PUT
 * (capture sends one chunk every few seconds).
 */
public final class PutLatencyProbe {

    private PutLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int puts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dataDir = Files.createTempDirectory("stereospot-put-probe");
        Path chunk = dataDir.resolve("chunk.mp4");
        byte[] bytes = new byte[2_500_000];
        new Random(1).nextBytes(bytes);
        Files.write(chunk, bytes);
        try (StreamServer server = TestServers.withConverter(dataDir, ConverterSettings.copy())) {
            StreamSession session = new ApiClient(server.baseUrl()).createSession();
            UploadGrant grant = session.upload();
            AwsCredentials sessionCreds = AwsSessionCredentials.create(grant.accessKeyId(), grant.secretAccessKey(),
                    grant.sessionToken());
            String prefix = grant.keyPrefix();
            try (S3Client asSession = client(grant, sessionCreds)) {
                for (int round = 0; round < 3; round++) {
                    if (round == 2) {
                        threads("before last round");
                    }
                    report("session creds", time(asSession, grant.bucket(), prefix, chunk, puts));
                    if (round == 2) {
                        threads("session round");
                    }
                    report("admin client", time(server.adminS3(), grant.bucket(), "probe/", chunk, puts));
                }
            }
        }
    }

    static java.util.Map<String, Long> last = new java.util.HashMap<>();

    static void threads(String label) throws java.io.IOException {
        java.util.Map<String, Long> now = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String comm = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+$", "#");
                    String stat = Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    now.merge(comm, ticks * 10, Long::sum);
                    long switches = Files.readAllLines(t.resolve("status")).stream()
                            .filter(l -> l.contains("ctxt_switches"))
                            .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
                    now.merge(comm + " (context switches)", switches, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // thread ended
                }
            }
        }
        if (!last.isEmpty()) {
            System.out.println("thread CPU ms and context switches during " + label + ":");
            now.forEach((k, v) -> {
                long d = v - last.getOrDefault(k, 0L);
                if (d > 0) {
                    System.out.println("   " + k + " " + d);
                }
            });
        }
        last = now;
    }

    static S3Client client(UploadGrant grant, AwsCredentials credentials) {
        return S3Client.builder()
                .region(Region.of(grant.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                            boolean shown;
                            @Override
                            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission c,
                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes a) {
                                if (!shown && Boolean.getBoolean("probe.headers")) {
                                    shown = true;
                                    c.httpRequest().forEachHeader((k, v) -> System.out.println("  " + k + ": " + v));
                                }
                            }
                        }))
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false)
                        .chunkedEncodingEnabled(!Boolean.getBoolean("probe.unchunked")).build())
                .endpointOverride(URI.create(grant.endpoint())).forcePathStyle(true)
                .build();
    }

    static long[] time(S3Client s3, String bucket, String prefix, Path chunk, int puts) {
        long[] nanos = new long[puts];
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = 0;
        long gapMs = Long.getLong("probe.gapMs", 0);
        for (int i = 0; i < puts + 3; i++) {
            if (i == 3) {
                cpu0 = os.getProcessCpuTime();
            }
            if (gapMs > 0) {
                try {
                    Thread.sleep(gapMs);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            long start = System.nanoTime();
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(prefix + String.format("chunk_%05d.mp4", i))
                    .contentType("video/mp4").build(), RequestBody.fromFile(chunk));
            if (i >= 3) {
                nanos[i - 3] = System.nanoTime() - start;
            }
        }
        System.out.printf(Locale.ROOT, "  process CPU per PUT %.1f ms%n", (os.getProcessCpuTime() - cpu0) / 1e6 / puts);
        Arrays.sort(nanos);
        return nanos;
    }

    static void report(String name, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-16s median %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", name,
                nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(0.95 * nanos.length) - 1] / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }
}

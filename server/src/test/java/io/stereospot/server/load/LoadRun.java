package io.stereospot.server.load;

import io.stereospot.contract.StreamSession;
import io.stereospot.server.testing.ApiClient;
import io.stereospot.server.testing.Latencies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one load run against a server by its URL only, as clients and players reach it: sessions through the API,
 * chunks through S3 with each session's credentials, playlists and segments over HTTP. Then ends every session,
 * waits for every playlist to end, checks that what was acknowledged is what is listed, and audits the credentials.
 */
public final class LoadRun {

    private final LoadOptions options;
    private final List<Path> chunkFiles;

    public LoadRun(LoadOptions options, List<Path> chunkFiles) {
        this.options = options;
        this.chunkFiles = List.copyOf(chunkFiles);
    }

    public LoadResult run() throws InterruptedException {
        ApiClient api = new ApiClient(options.server());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Latencies putLatency = new Latencies();
        Latencies playlistLatency = new Latencies();
        long intervalNanos = options.chunkInterval().toNanos();

        List<SimulatedStream> streams = new ArrayList<>();
        List<SimulatedPlayer> players = new ArrayList<>();
        ProcessSampler sampler = options.serverPid().isPresent()
                ? new ProcessSampler(options.serverPid().getAsLong()) : null;
        ProcessSampler harness = new ProcessSampler(ProcessHandle.current().pid());
        MachineCpu machine = new MachineCpu();
        ExecutorService uploaders = Executors.newFixedThreadPool(options.streams(), daemon("load-stream"));
        ExecutorService watchers = Executors.newFixedThreadPool(Math.max(1, options.players()), daemon("load-player"));
        long began = System.nanoTime();
        try {
            // Streams start spread over one interval, as independent people pressing Start would.
            for (int s = 0; s < options.streams(); s++) {
                StreamSession session = api.createSession();
                long start = began + intervalNanos + s * intervalNanos / options.streams();
                streams.add(new SimulatedStream(session, chunkFiles, options.chunksPerStream(), start, intervalNanos,
                        putLatency));
            }
            for (int p = 0; p < options.players(); p++) {
                StreamSession watched = streams.get(p % streams.size()).session();
                players.add(new SimulatedPlayer(URI.create(watched.playlistUrl()), http, playlistLatency));
            }
            streams.forEach(uploaders::execute);
            players.forEach(watchers::execute);
            uploaders.shutdown();
            long streamingNanos = options.duration().toNanos() + 2 * intervalNanos;
            if (!uploaders.awaitTermination(streamingNanos + Duration.ofMinutes(5).toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("The simulated streams did not finish their uploads in time");
            }
            long uploadsDone = System.nanoTime();
            double serverCpu = sampler == null ? Double.NaN : sampler.cpuPercent();
            Cpu cpu = new Cpu(serverCpu, harness.cpuPercent(), machine.busyPercent());
            long serverRssMb = sampler == null ? 0 : sampler.peakRssMb();
            List<Integer> backlogAtEnd = new ArrayList<>();
            for (SimulatedStream stream : streams) {
                backlogAtEnd.add(stream.acknowledged() - listedNow(http, stream));
                end(api, stream.session());
            }
            List<SessionCheck> checks = new ArrayList<>();
            for (SimulatedStream stream : streams) {
                checks.add(SessionCheck.await(http, stream.session(), stream.acknowledged(),
                        uploadsDone + options.drainTimeout().toNanos()));
            }
            long drainedNanos = System.nanoTime() - uploadsDone;
            // Every playlist has ended: each player stops by itself once its next read sees ENDLIST.
            watchers.shutdown();
            if (!watchers.awaitTermination(30, TimeUnit.SECONDS)) {
                players.forEach(SimulatedPlayer::stop);
            }

            Latencies listingLag = new Latencies();
            for (int p = 0; p < players.size(); p++) {
                SimulatedStream stream = streams.get(p % streams.size());
                for (int i = 0; i < stream.acknowledged(); i++) {
                    Long listed = players.get(p).listedAtNanos(i);
                    Long acked = stream.ackedAtNanos(i);
                    if (listed != null && acked != null) {
                        listingLag.record(Math.max(0, listed - acked));
                    }
                }
            }
            CrossSessionAudit.Result audit = new CrossSessionAudit(
                    streams.stream().map(SimulatedStream::session).toList(), options.storeRoot()).run();
            return new LoadResult(options, streams, players, checks, putLatency, playlistLatency, listingLag,
                    backlogAtEnd, drainedNanos, cpu, serverRssMb, audit);
        } finally {
            uploaders.shutdownNow();
            players.forEach(SimulatedPlayer::stop);
            watchers.shutdownNow();
            if (sampler != null) {
                sampler.close();
            }
            harness.close();
        }
    }

    private static int listedNow(HttpClient http, SimulatedStream stream) {
        return SessionCheck.read(http, URI.create(stream.session().playlistUrl())).segments().size();
    }

    private static void end(ApiClient api, StreamSession session) {
        HttpResponse<String> response = api.end(session);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Ending " + session.sessionId() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    /**
     * CPU over the streaming phase: the server's and this harness's, in percent of one core, and the whole machine's
     * busy share (100 = every core busy all the time).
     */
    record Cpu(double serverPercent, double harnessPercent, double machineBusyPercent) {
    }

    /** Waits without spinning: the checks poll once a second like a player. */
    static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

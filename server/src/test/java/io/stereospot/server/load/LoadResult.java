package io.stereospot.server.load;

import io.stereospot.server.testing.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The figures of one load run, and its verdict: did the server keep up with every stream, losing nothing? */
public record LoadResult(LoadOptions options, List<SimulatedStream> streams, List<SimulatedPlayer> players,
        List<SessionCheck> checks, Latencies putLatency, Latencies playlistLatency, Latencies listingLag,
        List<Integer> backlogAtEnd, long drainNanos, LoadRun.Cpu cpu, long serverPeakRssMb,
        CrossSessionAudit.Result audit) {

    /** A chunk listed within this many chunk intervals of its acknowledgement counts as kept up with. */
    static final int LAG_BUDGET_INTERVALS = 2;
    static final double PLAYLIST_P99_GOAL_MS = 100;

    public static String tableHeader() {
        return "| streams | players | chunks acked | segments listed | lost | playlists complete | PUT p50 / p99 ms "
                + "| playlist p50 / p99 ms | ack→listed p50 / p99 s | backlog at end (max) | drain s "
                + "| CPU % of a core: server / harness | machine busy % | server peak RSS MB | keeps up |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
    }

    public String tableRow() {
        return String.format(Locale.ROOT,
                "| %d | %d | %d | %d | %d | %d/%d | %.0f / %.0f | %.1f / %.1f | %.1f / %.1f | %d | %.1f | %s / %.0f | %.0f | %s | %s |",
                options.streams(), options.players(), acknowledged(), listed(), lost(), completePlaylists(),
                checks.size(), putLatency.percentileMs(50), putLatency.percentileMs(99),
                playlistLatency.percentileMs(50), playlistLatency.percentileMs(99),
                listingLag.percentileMs(50) / 1000, listingLag.percentileMs(99) / 1000,
                backlogAtEnd.stream().mapToInt(Integer::intValue).max().orElse(0), drainNanos / 1e9,
                Double.isNaN(cpu.serverPercent()) ? "n/a" : String.format(Locale.ROOT, "%.0f", cpu.serverPercent()),
                cpu.harnessPercent(), cpu.machineBusyPercent(),
                serverPeakRssMb == 0 ? "n/a" : String.valueOf(serverPeakRssMb), keepsUp() ? "yes" : "**no**");
    }

    public int acknowledged() {
        return streams.stream().mapToInt(SimulatedStream::acknowledged).sum();
    }

    public int listed() {
        return checks.stream().mapToInt(c -> c.segments().size()).sum();
    }

    /** Acknowledged chunks whose segment never appeared: the number that must be 0. */
    public int lost() {
        return checks.stream().mapToInt(SessionCheck::lost).sum();
    }

    public long completePlaylists() {
        return checks.stream().filter(SessionCheck::complete).count();
    }

    public List<String> streamFailures() {
        return streams.stream().map(SimulatedStream::failure).filter(Objects::nonNull).toList();
    }

    public int playerErrors() {
        return players.stream().mapToInt(SimulatedPlayer::errors).sum();
    }

    public int expectedChunks() {
        return options.streams() * options.chunksPerStream();
    }

    /** Why the run does not count as kept up; empty when it does. */
    public List<String> shortfalls() {
        List<String> why = new ArrayList<>();
        if (acknowledged() < expectedChunks()) {
            why.add((expectedChunks() - acknowledged()) + " of " + expectedChunks() + " chunks were never acknowledged"
                    + (streamFailures().isEmpty() ? "" : " (" + streamFailures().get(0) + ")"));
        }
        if (lost() > 0) {
            why.add(lost() + " acknowledged chunks missing from the playlists");
        }
        if (completePlaylists() < checks.size()) {
            why.add((checks.size() - completePlaylists()) + " playlists not complete with ENDLIST within "
                    + options.drainTimeout().toSeconds() + " s of the end");
        }
        double lagBudgetMs = LAG_BUDGET_INTERVALS * options.chunkInterval().toMillis();
        if (listingLag.percentileMs(99) > lagBudgetMs) {
            why.add(String.format(Locale.ROOT, "ack→listed p99 %.1f s exceeds %d chunk intervals (%.0f s): "
                    + "conversion falls behind", listingLag.percentileMs(99) / 1000, LAG_BUDGET_INTERVALS,
                    lagBudgetMs / 1000));
        }
        if (playlistLatency.percentileMs(99) > PLAYLIST_P99_GOAL_MS) {
            why.add(String.format(Locale.ROOT, "playlist p99 %.0f ms over %.0f ms",
                    playlistLatency.percentileMs(99), PLAYLIST_P99_GOAL_MS));
        }
        if (playerErrors() > 0) {
            why.add(playerErrors() + " player errors, e.g. " + players.stream().map(SimulatedPlayer::lastError)
                    .filter(Objects::nonNull).findFirst().orElse("?"));
        }
        if (!audit.clean()) {
            why.add("credential audit: " + audit.describe());
        }
        return why;
    }

    public boolean keepsUp() {
        return shortfalls().isEmpty();
    }

    public String details() {
        long retries = streams.stream().mapToInt(SimulatedStream::retries).sum();
        long bytes = players.stream().mapToLong(SimulatedPlayer::segmentBytes).sum();
        return String.format(Locale.ROOT, "%d streams × %d chunks every %d s; %d PUTs retried; players fetched %d "
                + "segments (%.0f MB), %d errors; PUT max %.0f ms; playlist reads %d, max %.0f ms%n%s%n%s",
                options.streams(), options.chunksPerStream(), options.chunkInterval().toSeconds(), retries,
                players.stream().mapToInt(SimulatedPlayer::segmentsFetched).sum(), bytes / 1e6, playerErrors(),
                putLatency.maxMs(), playlistLatency.count(), playlistLatency.maxMs(), audit.describe(),
                keepsUp() ? "Kept up." : "Did not keep up: " + String.join("; ", shortfalls()));
    }
}

package io.stereospot.server.convert.depth.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the depth model into a temporary file next to its place, checks it (length announced and received, size
 * range, SHA-256 when one is pinned, the graph's interface and a trial inference) and only then moves it into place.
 * Anything else is refused with a sentence and the partial file is removed. One attempt: no retries.
 */
public final class DepthModelDownload {

    private static final Logger LOG = LoggerFactory.getLogger(DepthModelDownload.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(30);
    /** The JDK's client has no read timeout: a body that stops coming is closed after this long without a byte. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private DepthModelDownload() {
    }

    /** Downloads {@code source} to {@code target}, replacing nothing unless the new file checks out. */
    public static Path fetch(DepthModelSource source, Path target, DownloadProgress progress)
            throws DepthModelUnusable {
        return fetch(source, target, progress, STALL_TIMEOUT);
    }

    static Path fetch(DepthModelSource source, Path target, DownloadProgress progress, Duration stallTimeout)
            throws DepthModelUnusable {
        String where = source.url().getHost() == null ? source.url().toString() : source.url().getHost();
        Path part = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            part = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
            String sha256 = copy(source, where, part, progress, stallTimeout);
            check(source, part, sha256);
            move(part, target);
            part = null;
            LOG.info("Depth model {} downloaded to {}.", source.name(), target);
            return target;
        } catch (IOException e) {
            throw new DepthModelUnusable("The depth model could not be saved in " + target.getParent() + " ("
                    + e.getMessage() + ").", e);
        } finally {
            if (part != null) {
                deleteQuietly(part);
            }
        }
    }

    private static String copy(DepthModelSource source, String where, Path part, DownloadProgress progress,
            Duration stallTimeout) throws DepthModelUnusable, IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(source.url()).timeout(HEADERS_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DepthModelUnusable("The depth model could not be downloaded: " + where
                    + " could not be reached (" + describe(e) + ").", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DepthModelUnusable("The depth model download was stopped before it began.", e);
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        StallWatch watch = new StallWatch(response.body(), stallTimeout);
        try (InputStream body = response.body(); watch) {
            if (response.statusCode() != 200) {
                throw new DepthModelUnusable("The depth model could not be downloaded: " + where + " answered HTTP "
                        + response.statusCode() + " for " + shown(source.url()) + ".");
            }
            if (total > source.maxBytes()) {
                throw new DepthModelUnusable("The depth model could not be used: " + where + " offers "
                        + megabytes(total) + ", more than the " + megabytes(source.maxBytes()) + " it should be.");
            }
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(part)) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    watch.received(n);
                    if (watch.receivedBytes() > source.maxBytes()) {
                        throw new DepthModelUnusable("The depth model could not be used: " + where + " sent more "
                                + "than the " + megabytes(source.maxBytes()) + " it should be.");
                    }
                    progress.bytes(watch.receivedBytes(), total);
                }
            }
            if (watch.stalled() || total >= 0 && watch.receivedBytes() != total) {
                throw interrupted(watch, total, "the connection closed early");
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw interrupted(watch, total, describe(e));
        }
    }

    private static void check(DepthModelSource source, Path part, String sha256) throws DepthModelUnusable,
            IOException {
        long size = Files.size(part);
        if (size < source.minBytes() || size > source.maxBytes()) {
            throw new DepthModelUnusable("The downloaded depth model is " + megabytes(size) + ", not the "
                    + megabytes(source.minBytes()) + "–" + megabytes(source.maxBytes()) + " it should be; it was "
                    + "not kept.");
        }
        if (source.sha256().isEmpty()) {
            LOG.info("No SHA-256 is pinned for {}: checking its size, its graph and a trial inference only.",
                    source.name());
        } else if (!source.sha256().get().equals(sha256)) {
            throw new DepthModelUnusable("The downloaded depth model does not match the published one (its SHA-256 "
                    + "differs); it was not kept.");
        }
        try (OnnxDepthEstimator trial = OnnxDepthEstimator.open(part, DepthModels.DEFAULT_WORKING_SIZE_PX, 0)) {
            LOG.debug("Downloaded depth model runs: {}.", trial.describe());
        } catch (DepthModelUnusable e) {
            throw new DepthModelUnusable("The downloaded depth model was not kept. " + e.getMessage(), e);
        }
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static DepthModelUnusable interrupted(StallWatch watch, long total, String otherwise) {
        String of = total >= 0 ? " of " + megabytes(total) : "";
        String why = watch.stalled() ? "no data came for " + watch.stallSeconds() + " s" : otherwise;
        return new DepthModelUnusable("The depth model download was interrupted after "
                + megabytes(watch.receivedBytes()) + of + " (" + why + "); the partial file was removed.");
    }

    /** The address without any user name, password or query a mirror's URL might carry. */
    private static String shown(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return String.valueOf(url.getHost());
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256.", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not remove the partial depth model {}: {}", file, e.getMessage());
        }
    }
}

package io.stereospot.server.store;

import io.stereospot.contract.ChunkKey;
import io.stereospot.contract.ObjectKeys;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The bytes of chunks each session may store on the embedded store. The PUT that would go past them is refused
 * (403 {@code AccessDenied} with a sentence; its body drained) and the session is ended through the listener, so the
 * broadcast stops cleanly and every chunk stored before stays playable. Counts live in memory: a restarted server
 * counts a session's bytes from zero again.
 */
public final class SessionQuota {

    private static final Logger LOG = LoggerFactory.getLogger(SessionQuota.class);

    private final long limitBytes;
    private final Map<String, AtomicLong> usedBytes = new ConcurrentHashMap<>();
    private volatile Consumer<String> exhausted = id -> { };

    public SessionQuota(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Told the id of each session whose quota a refused PUT found used up (the server ends it). */
    public void onExhausted(Consumer<String> listener) {
        this.exhausted = listener;
    }

    /** The session writes, after the grant checks, through this quota. */
    public UnaryOperator<BlobStore> guard() {
        return Guarded::new;
    }

    /** The sentence a refused PUT carries; the capture client shows it. */
    String sentence() {
        String size = limitBytes % (1 << 20) == 0 ? (limitBytes >> 20) + " MiB" : limitBytes + " bytes";
        return "The stream session's upload quota of " + size + " is used up, so the stream server ended the"
                + " broadcast.";
    }

    private final class Guarded extends ForwardingBlobStore {

        Guarded(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
            Optional<String> session = ObjectKeys.parseChunk(request.key()).map(ChunkKey::sessionId);
            if (session.isEmpty()) {
                return super.putBlob(request, body);
            }
            AtomicLong used = usedBytes.computeIfAbsent(session.get(), id -> new AtomicLong());
            Long declared = request.contentLength();
            if (used.get() + (declared == null ? 0 : declared) > limitBytes) {
                long drained = RequestBodies.drain(body);
                LOG.info("Refused PutObject {}: session {} has stored {} bytes of its {} ({} bytes drained)",
                        request.key(), session.get(), used.get(), limitBytes, drained);
                exhausted.accept(session.get());
                throw S3Errors.of(403, "AccessDenied", sentence());
            }
            Counting counted = new Counting(body);
            PutObjectResponse response = super.putBlob(request, counted);
            used.addAndGet(counted.bytes);
            return response;
        }
    }

    /** Counts what S3Proxy reads, for a PUT that declared no length. */
    private static final class Counting extends FilterInputStream {
        long bytes;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            bytes += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            bytes += Math.max(n, 0);
            return n;
        }
    }
}

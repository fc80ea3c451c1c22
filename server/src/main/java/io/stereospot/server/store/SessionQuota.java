package io.stereospot.server.store;

import io.stereospot.contract.ChunkKey;
import io.stereospot.contract.ObjectKeys;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The bytes of chunks each session may store, and the one rule that counts them ({@link #admit}): wherever the
 * server sees a chunk, it asks here. The converter asks for every chunk it picks up, on every storage mode (on AWS
 * that is the only place the server sees one: S3 has already accepted it); the embedded store asks before it
 * stores a session's PUT ({@link #guard()}), and refuses the PUT past the quota (403 {@code AccessDenied} with
 * {@link #sentence}, its body drained). Each chunk index is counted once, however often it is told or uploaded,
 * and the count is kept in the session's record ({@link Ledger}), so a restarted server goes on from it. The chunk
 * that would take the session past its quota is not counted, not stored (embedded) or not converted (any mode),
 * and the ledger ends the session in the same step, with the quota as its reason.
 */
public final class SessionQuota {

    private static final Logger LOG = LoggerFactory.getLogger(SessionQuota.class);

    /** What {@link Ledger#count} found. */
    public enum Admission {
        /** Counted now: the session is within its quota with it. */
        COUNTED,
        /** This index was counted before (a chunk told again, or uploaded again). */
        COUNTED_BEFORE,
        /** It would take the session past its quota (or the quota ended the session before): not counted. */
        OVER_QUOTA,
        /** No record: nothing to count against. */
        NO_SESSION
    }

    /** Where each session's count is kept: its record (the session package keeps it). */
    public interface Ledger {
        /**
         * Counts chunk {@code index} of {@code sizeBytes} unless it was counted before; when it would take the
         * session past {@code limitBytes}, ends the session for its quota instead (in the same update).
         */
        Admission count(String sessionId, int index, long sizeBytes, long limitBytes);

        /** Whether the quota ended the session before chunk {@code index} (a look only: nothing is counted). */
        boolean pastQuota(String sessionId, int index);
    }

    /** Before the records can be read: nothing to count against. */
    private static final Ledger NONE = new Ledger() {
        @Override
        public Admission count(String sessionId, int index, long sizeBytes, long limitBytes) {
            return Admission.NO_SESSION;
        }

        @Override
        public boolean pastQuota(String sessionId, int index) {
            return false;
        }
    };

    private final long limitBytes;
    private volatile Ledger ledger = NONE;

    public SessionQuota(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** From now on counts are kept in {@code records} (the store starts before the session records can be read). */
    public SessionQuota countIn(Ledger records) {
        this.ledger = records;
        return this;
    }

    /** False when the chunk would take its session past the quota: then it is neither stored nor converted. */
    public boolean admit(ChunkKey chunk, long sizeBytes) {
        Admission admission = ledger.count(chunk.sessionId(), chunk.index(), sizeBytes, limitBytes);
        if (admission == Admission.OVER_QUOTA) {
            LOG.info("Session {}: chunk {} ({} bytes) refused, past the session's quota of {} bytes; the session is"
                    + " ended", chunk.sessionId(), chunk.index(), sizeBytes, limitBytes);
            return false;
        }
        return true;
    }

    /**
     * True when the quota ended the session before {@code chunk}: it (and the one before it, unless counted) will
     * never be converted, so nothing should wait for them.
     */
    public boolean pastQuota(ChunkKey chunk) {
        return ledger.pastQuota(chunk.sessionId(), chunk.index());
    }

    /** {@link #admit} for a chunk already in the store, at its stored size (a HEAD); one that is gone passes. */
    public boolean admitStored(Bucket bucket, ChunkKey chunk) {
        return bucket.stored(ObjectKeys.chunk(chunk.sessionId(), chunk.index()))
                .map(stored -> admit(chunk, stored.sizeBytes())).orElse(true);
    }

    /** The session writes, after the grant checks, through this quota. */
    public UnaryOperator<BlobStore> guard() {
        return Guarded::new;
    }

    /** The sentence a refused PUT and a refused renewal carry; the capture client shows it. */
    public static String sentence(long limitBytes) {
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
            Optional<ChunkKey> chunk = ObjectKeys.parseChunk(request.key());
            if (chunk.isEmpty()) {
                return super.putBlob(request, body);
            }
            Long declared = request.contentLength();
            if (declared != null) {
                if (!admit(chunk.get(), declared)) {
                    RequestBodies.drain(body);
                    throw S3Errors.of(403, "AccessDenied", sentence(limitBytes));
                }
                return super.putBlob(request, body);
            }
            // No length declared: count what was stored, and take it back if that went past the quota.
            Counting counted = new Counting(body);
            PutObjectResponse response = super.putBlob(request, counted);
            if (!admit(chunk.get(), counted.bytes)) {
                super.removeBlob(request.bucket(), request.key());
                throw S3Errors.of(403, "AccessDenied", sentence(limitBytes));
            }
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

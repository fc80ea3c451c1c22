package io.stereospot.server.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import io.stereospot.server.store.Bucket;
import io.stereospot.server.testing.LocalS3Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contiguous run from segment 0 counts segments only, of this session only, and stops at the first gap. */
class SegmentIndexTest {

    @RegisterExtension
    static final LocalS3Extension S3 = new LocalS3Extension();

    @Test
    void countsTheRunFromZeroUpToTheFirstGap() {
        Bucket bucket = S3.newBucket();
        SegmentIndex index = new SegmentIndex(bucket);
        String session = SessionIds.newId();
        String other = SessionIds.newId();
        assertThat(index.contiguousCount(session)).isZero();

        for (int i : new int[] {0, 1, 2, 4}) {
            bucket.put(ObjectKeys.segment(session, i), new byte[] {0}, "video/mp4");
        }
        // Side files, another session's segments and chunks do not fill the gap.
        bucket.put(ObjectKeys.transportStream(session, 3), new byte[] {0}, "video/mp2t");
        bucket.put(ObjectKeys.segmentDuration(session, 3), new byte[] {0}, "application/json");
        bucket.put(ObjectKeys.segment(other, 3), new byte[] {0}, "video/mp4");
        bucket.put(ObjectKeys.chunk(session, 3), new byte[] {0}, "video/mp4");
        assertThat(index.contiguousCount(session)).isEqualTo(3);
        assertThat(index.contiguousCount(other)).as("its segment 0 is missing").isZero();

        bucket.put(ObjectKeys.segment(session, 3), new byte[] {0}, "video/mp4");
        assertThat(index.contiguousCount(session)).isEqualTo(5);
    }
}

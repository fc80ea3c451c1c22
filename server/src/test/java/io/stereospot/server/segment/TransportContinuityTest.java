package io.stereospot.server.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportContinuityTest {

    private static final int PAYLOAD = 0x10;
    private static final int ADAPTATION_ONLY = 0x20;

    @TempDir
    Path dir;

    @Test
    void countersCarryOnFromThePreviousSegmentPerPid() throws IOException {
        Path ts = segment(packet(0, PAYLOAD), packet(256, PAYLOAD), packet(256, PAYLOAD), packet(257, PAYLOAD));

        Map<Integer, Integer> after = TransportContinuity.carryOn(ts, Map.of(0, 15, 256, 7, 257, 3));

        byte[] bytes = Files.readAllBytes(ts);
        assertThat(counterAt(bytes, 0)).as("PAT wraps 15 -> 0").isZero();
        assertThat(counterAt(bytes, 1)).isEqualTo(8);
        assertThat(counterAt(bytes, 2)).isEqualTo(9);
        assertThat(counterAt(bytes, 3)).isEqualTo(4);
        assertThat(after).containsEntry(0, 0).containsEntry(256, 9).containsEntry(257, 4);
        assertThat(TransportContinuity.lastCounters(bytes)).isEqualTo(after);
    }

    @Test
    void aPacketWithoutPayloadKeepsThePreviousCounter() throws IOException {
        Path ts = segment(packet(256, PAYLOAD), packet(256, ADAPTATION_ONLY), packet(256, PAYLOAD));

        TransportContinuity.carryOn(ts, Map.of(256, 5));

        byte[] bytes = Files.readAllBytes(ts);
        assertThat(counterAt(bytes, 0)).isEqualTo(6);
        assertThat(counterAt(bytes, 1)).isEqualTo(6);
        assertThat(counterAt(bytes, 2)).isEqualTo(7);
    }

    @Test
    void aPidNewInThisSegmentStartsAtZeroAndOtherPidsAreKept() throws IOException {
        Path ts = segment(packet(300, PAYLOAD));

        Map<Integer, Integer> after = TransportContinuity.carryOn(ts, Map.of(17, 2));

        assertThat(counterAt(Files.readAllBytes(ts), 0)).isZero();
        assertThat(after).containsEntry(17, 2).containsEntry(300, 0);
    }

    @Test
    void somethingElseThanMpegTsIsRefused() throws IOException {
        Path notTs = dir.resolve("not.ts");
        Files.write(notTs, new byte[188]);
        assertThatThrownBy(() -> TransportContinuity.carryOn(notTs, Map.of())).hasMessageContaining("sync byte");
        Files.write(notTs, new byte[100]);
        assertThatThrownBy(() -> TransportContinuity.carryOn(notTs, Map.of())).hasMessageContaining("188-byte");
    }

    /** A packet with counter 0, as FFmpeg's muxer starts every file. */
    private static byte[] packet(int pid, int adaptationFieldControl) {
        byte[] p = new byte[TransportContinuity.PACKET_BYTES];
        p[0] = 0x47;
        p[1] = (byte) ((pid >> 8) & 0x1F);
        p[2] = (byte) pid;
        p[3] = (byte) adaptationFieldControl;
        return p;
    }

    private Path segment(byte[]... packets) throws IOException {
        Path ts = Files.createTempFile(dir, "seg-", ".ts");
        for (byte[] p : packets) {
            Files.write(ts, p, java.nio.file.StandardOpenOption.APPEND);
        }
        return ts;
    }

    private static int counterAt(byte[] ts, int packet) {
        return ts[packet * TransportContinuity.PACKET_BYTES + 3] & 0x0F;
    }
}

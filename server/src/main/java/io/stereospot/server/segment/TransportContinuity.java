package io.stereospot.server.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries MPEG-TS continuity counters on from one segment to the next, so a player reading the playlist as one
 * stream sees no break at a join.
 *
 * <p>Why: FFmpeg's MPEG-TS muxer starts every PID's 4-bit counter at 0 in each file it writes, so at every join
 * VLC logged "TS discontinuity (received 0, expected N)" and FFmpeg/mpv "Packet corrupt" (issue 11). The counters
 * are rewritten in place: each packet that carries a payload gets the PID's previous counter plus one (mod 16);
 * a packet with only an adaptation field keeps the previous counter, as ISO/IEC 13818-1 2.4.3.3 says. The counters
 * a segment ends with are what the next one starts from.
 */
final class TransportContinuity {

    static final int PACKET_BYTES = 188;
    static final int SYNC = 0x47;
    private static final int NULL_PID = 0x1FFF;

    private TransportContinuity() {
    }

    /**
     * Rewrites the counters of {@code ts} in place, continuing from {@code before} (a PID's last counter in the
     * previous segment; a PID not in it starts at 0).
     *
     * @return the last counter of each PID in this segment, {@code before}'s other PIDs included
     */
    static Map<Integer, Integer> carryOn(Path ts, Map<Integer, Integer> before) throws IOException {
        Map<Integer, Integer> last = new TreeMap<>(before);
        try (FileChannel file = FileChannel.open(ts, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (file.size() % PACKET_BYTES != 0) {
                throw new IOException(ts.getFileName() + " is not whole 188-byte MPEG-TS packets");
            }
            ByteBuffer buffer = ByteBuffer.allocate(PACKET_BYTES * 1024);
            long position = 0;
            while (true) {
                buffer.clear();
                int read = file.read(buffer, position);
                if (read <= 0) {
                    break;
                }
                buffer.flip();
                byte[] bytes = buffer.array();
                for (int at = 0; at + PACKET_BYTES <= buffer.limit(); at += PACKET_BYTES) {
                    rewrite(bytes, at, last, position + at);
                }
                file.write(ByteBuffer.wrap(bytes, 0, buffer.limit()), position);
                position += buffer.limit();
            }
        }
        return last;
    }

    /** The last counter of each PID in {@code ts}, unchanged (for a segment stored before this server kept them). */
    static Map<Integer, Integer> lastCounters(byte[] ts) {
        Map<Integer, Integer> last = new TreeMap<>();
        for (int at = 0; at + PACKET_BYTES <= ts.length; at += PACKET_BYTES) {
            int pid = pid(ts, at);
            if ((ts[at] & 0xFF) == SYNC && pid != NULL_PID) {
                last.put(pid, ts[at + 3] & 0x0F);
            }
        }
        return last;
    }

    private static void rewrite(byte[] bytes, int at, Map<Integer, Integer> last, long offset) throws IOException {
        if ((bytes[at] & 0xFF) != SYNC) {
            throw new IOException("No MPEG-TS sync byte at offset " + offset);
        }
        int pid = pid(bytes, at);
        if (pid == NULL_PID) {
            return; // null packets carry no counter that anyone checks
        }
        boolean payload = (bytes[at + 3] & 0x10) != 0;
        Integer previous = last.get(pid);
        int counter;
        if (previous == null) {
            counter = payload ? 0 : 15;
        } else {
            counter = payload ? (previous + 1) & 0x0F : previous;
        }
        bytes[at + 3] = (byte) ((bytes[at + 3] & 0xF0) | counter);
        last.put(pid, counter);
    }

    /** The packet's PID (13 bits). */
    static int pid(byte[] bytes, int at) {
        return ((bytes[at + 1] & 0x1F) << 8) | (bytes[at + 2] & 0xFF);
    }
}

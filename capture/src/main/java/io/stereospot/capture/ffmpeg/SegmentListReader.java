package io.stereospot.capture.ffmpeg;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import io.stereospot.contract.ObjectKeys;

/**
 * Reads the segment muxer's live CSV list ({@code chunk_00000.mp4,0.000000,5.000000}) as it grows. FFmpeg writes a
 * chunk's line right after the chunk's last byte, so a line means "this chunk is complete". Not thread-safe: one
 * poller calls {@link #poll()}.
 */
public final class SegmentListReader {

    /** One finished chunk, as the list reports it. */
    public record CompletedChunk(int index, String fileName, double startSeconds, double endSeconds) {
        public double durationSeconds() {
            return endSeconds - startSeconds;
        }
    }

    private final Path list;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    public SegmentListReader(Path list) {
        this.list = list;
    }

    /** The chunks whose lines appeared since the last call, in order; empty when nothing new (or no file yet). */
    public List<CompletedChunk> poll() throws IOException {
        if (!Files.exists(list)) {
            return List.of();
        }
        byte[] fresh;
        try (RandomAccessFile file = new RandomAccessFile(list.toFile(), "r")) {
            long length = file.length();
            if (length < offset) {
                // Rewritten from the start: FFmpeg never does that in live mode; read it again anyway.
                offset = 0;
                partial.setLength(0);
            }
            if (length == offset) {
                return List.of();
            }
            fresh = new byte[(int) (length - offset)];
            file.seek(offset);
            file.readFully(fresh);
            offset = length;
        }
        partial.append(new String(fresh, StandardCharsets.UTF_8));
        List<CompletedChunk> chunks = new ArrayList<>();
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline).strip();
            partial.delete(0, newline + 1);
            if (!line.isEmpty()) {
                chunks.add(parse(line));
            }
        }
        return chunks;
    }

    static CompletedChunk parse(String line) throws IOException {
        String[] fields = line.split(",");
        if (fields.length < 3) {
            throw new IOException("Unexpected segment list line: " + line);
        }
        String name = fields[0].strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String fileName = name.substring(slash + 1);
        OptionalInt index = ObjectKeys.chunkIndex(fileName);
        if (index.isEmpty()) {
            throw new IOException("Unexpected chunk name in the segment list: " + fileName);
        }
        try {
            return new CompletedChunk(index.getAsInt(), fileName, Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]));
        } catch (NumberFormatException e) {
            throw new IOException("Unexpected times in the segment list: " + line, e);
        }
    }
}

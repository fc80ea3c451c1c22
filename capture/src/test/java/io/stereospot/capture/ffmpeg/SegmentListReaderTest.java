package io.stereospot.capture.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentListReaderTest {

    @Test
    void reportsEachCompleteLineOnceAndWaitsForTheRestOfAPartialOne(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("chunks.csv");
        SegmentListReader reader = new SegmentListReader(list);
        assertThat(reader.poll()).as("no file yet").isEmpty();

        append(list, "chunk_00000.mp4,0.000000,5.000000\nchunk_00001.mp4,5.0000");
        assertThat(reader.poll()).containsExactly(
                new SegmentListReader.CompletedChunk(0, "chunk_00000.mp4", 0.0, 5.0));
        assertThat(reader.poll()).isEmpty();

        append(list, "00,10.000000\nchunk_00002.mp4,10.000000,11.233333\n");
        var chunks = reader.poll();
        assertThat(chunks).extracting(SegmentListReader.CompletedChunk::index).containsExactly(1, 2);
        assertThat(chunks.get(1).durationSeconds()).isCloseTo(1.233333, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void anUnexpectedLineIsAnError() {
        assertThatThrownBy(() -> SegmentListReader.parse("video.mp4,0,5")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SegmentListReader.parse("chunk_00000.mp4")).isInstanceOf(IOException.class);
    }

    @Test
    void aPathInTheListIsReducedToItsFileName() throws IOException {
        assertThat(SegmentListReader.parse("/spool/x/chunk_00007.mp4,35.0,40.0").fileName())
                .isEqualTo("chunk_00007.mp4");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

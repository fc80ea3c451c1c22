package io.stereospot.server.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.server.testing.Frames;
import io.stereospot.server.testing.Frames.Rgb;
import io.stereospot.server.testing.TestChunks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sbs converter's output is the source twice, side by side, at the configured size, with its audio. */
class SbsConverterTest {

    @TempDir
    static Path dir;
    static Path chunk;

    @BeforeAll
    static void makeChunk() throws Exception {
        List<Path> chunks = TestChunks.make(dir.resolve("chunks"), 1, 320, 240);
        chunk = chunks.get(0);
    }

    @Test
    void bothHalvesAreTheSourceSqueezedToHalfWidthAtTheConfiguredSize() throws Exception {
        Path out = dir.resolve("sbs-640x360.mp4");
        ConverterSettings.sbs(640, 360).create().convert(chunk, out);

        assertThat(Frames.probe(out, "v:0", "width")).isEqualTo("640");
        assertThat(Frames.probe(out, "v:0", "height")).isEqualTo("360");
        assertThat(Frames.probe(out, "a:0", "codec_name")).as("audio kept").isEqualTo("aac");

        Rgb frame = Frames.at(out, 2.0, null, 640, 360, dir);
        Rgb left = frame.crop(0, 0, 320, 360);
        Rgb right = frame.crop(320, 0, 320, 360);
        Rgb expected = Frames.at(chunk, 2.0, "scale=320:360", 320, 360, dir);
        Rgb otherMoment = Frames.at(chunk, 3.5, "scale=320:360", 320, 360, dir);

        double halves = left.meanAbsDiff(right);
        double leftToSource = left.meanAbsDiff(expected);
        double rightToSource = right.meanAbsDiff(expected);
        double control = left.meanAbsDiff(otherMoment);
        System.out.printf("mean |diff|: left/right %.2f, left/source %.2f, right/source %.2f, control %.2f%n",
                halves, leftToSource, rightToSource, control);
        assertThat(halves).as("left and right halves alike").isLessThan(2.0);
        assertThat(leftToSource).as("left half is the source frame").isLessThan(6.0);
        assertThat(rightToSource).as("right half is the source frame").isLessThan(6.0);
        assertThat(control).as("the measure tells different frames apart").isGreaterThan(3 * leftToSource);
    }

    @Test
    void withoutASizeItKeepsTheSourceSize() throws Exception {
        Path out = dir.resolve("sbs-source.mp4");
        ConverterSettings.sbs().create().convert(chunk, out);
        assertThat(Frames.probe(out, "v:0", "width")).isEqualTo("320");
        assertThat(Frames.probe(out, "v:0", "height")).isEqualTo("240");
        assertThat(Frames.probe(out, "v:0", "nb_frames")).isEqualTo(String.valueOf(TestChunks.FRAMES_PER_CHUNK));
        Rgb frame = Frames.at(out, 1.0, null, 320, 240, dir);
        assertThat(frame.crop(0, 0, 160, 240).meanAbsDiff(frame.crop(160, 0, 160, 240))).isLessThan(2.0);
    }
}

package io.stereospot.media.testenv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test sounds as 48 kHz stereo 16-bit WAV files. */
public final class WavFiles {

    public static final int RATE = 48_000;

    private WavFiles() {
    }

    /** A sine tone at half of full scale (about -9 dB mean, as volumedetect measures it). */
    public static Path sine(Path file, double frequencyHz, double seconds) {
        int frames = (int) Math.round(seconds * RATE);
        ByteBuffer data = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.put(ascii("RIFF")).putInt(36 + frames * 4).put(ascii("WAVE"))
                .put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 2).putInt(RATE)
                .putInt(RATE * 4).putShort((short) 4).putShort((short) 16)
                .put(ascii("data")).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short sample = (short) Math.round(Math.sin(2 * Math.PI * frequencyHz * i / RATE) * 16_384);
            data.putShort(sample).putShort(sample);
        }
        try {
            return Files.write(file, data.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.stereospot.capture.ffmpeg;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link EncoderProbe} found on this machine, kept in a small JSON file in the user's data folder, keyed by
 * a {@link DriverFingerprint}: answers written under another fingerprint (new drivers, another FFmpeg) are dropped
 * and the encoders probed again. A file that cannot be read or parsed is treated as empty and rewritten; a file
 * that cannot be written costs a probe next time, nothing more.
 *
 * <pre>{"fingerprint":"…","answers":{"h264_nvenc 1280x720@30":"Cannot load libcuda.so.1","h264_qsv …":""}}</pre>
 * An empty answer means the encoder works.
 */
public final class EncoderCache {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Supplier<String> fingerprint;

    /**
     * @param file        where the answers are kept
     * @param fingerprint this machine's drivers and FFmpeg now, read at each {@link #load}
     */
    public EncoderCache(Path file, Supplier<String> fingerprint) {
        this.file = file;
        this.fingerprint = fingerprint;
    }

    /** The file as written: the fingerprint it was probed under and each encoder's answer. */
    record Stored(String fingerprint, Map<String, String> answers) {
    }

    /** The answers valid now, to read and add to. */
    static final class Answers {
        private final String fingerprint;
        private final Map<String, String> byKey;

        private Answers(String fingerprint, Map<String, String> byKey) {
            this.fingerprint = fingerprint;
            this.byKey = new TreeMap<>(byKey);
        }

        boolean has(String key) {
            return byKey.containsKey(key);
        }

        /** Empty when the encoder works. */
        Optional<String> failure(String key) {
            return Optional.ofNullable(byKey.get(key)).filter(reason -> !reason.isEmpty());
        }

        void put(String key, Optional<String> failure) {
            byKey.put(key, failure.orElse(""));
        }
    }

    /** One encoder at one size and rate. */
    static String key(VideoEncoder encoder, FrameSize size, int fps) {
        return encoder.ffmpegName() + " " + size.width() + "x" + size.height() + "@" + fps;
    }

    Answers load() {
        String now = fingerprint.get();
        if (!Files.isRegularFile(file)) {
            return new Answers(now, Map.of());
        }
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            if (stored == null || stored.answers() == null || !now.equals(stored.fingerprint())) {
                LOG.info("The drivers or FFmpeg changed since the encoders were last probed: probing again");
                return new Answers(now, Map.of());
            }
            if (stored.answers().values().stream().anyMatch(v -> v == null)) {
                throw new IOException("an answer is missing");
            }
            return new Answers(now, stored.answers());
        } catch (JacksonException e) {
            LOG.warn("Ignoring the unreadable encoder cache {} ({}): probing again", file, e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable encoder cache {} ({}): probing again", file, e.getMessage());
        }
        return new Answers(now, Map.of());
    }

    void save(Answers answers) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            JSON.writeValue(partial.toFile(), new Stored(answers.fingerprint, answers.byKey));
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep the encoder probe's answers in {}: {} (the next start probes again)", file,
                    e.getMessage());
        }
    }
}

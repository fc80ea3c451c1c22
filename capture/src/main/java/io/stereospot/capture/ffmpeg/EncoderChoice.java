package io.stereospot.capture.ffmpeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which encoder a broadcast uses and why not the others, as {@link EncoderProbe} found.
 *
 * @param chosen   the encoder, or empty when the one asked for by name failed its probe ({@link #refusal})
 * @param asked    the encoder asked for by name, or empty for auto
 * @param verdicts each encoder tried or passed over, in the order considered, with why it was not chosen
 * @param cached   the probes' answers came from the cache, so no FFmpeg ran
 */
public record EncoderChoice(Optional<VideoEncoder> chosen, Optional<VideoEncoder> asked, List<Verdict> verdicts,
        boolean cached) {

    /** Why {@code encoder} was not used: its probe's reason, or that a better one was chosen first. */
    public record Verdict(VideoEncoder encoder, String reason) {
        public Verdict {
            Objects.requireNonNull(encoder, "encoder");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public EncoderChoice {
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(asked, "asked");
        verdicts = List.copyOf(verdicts);
    }

    /** The encoder to use; only call when there is no {@link #refusal}. */
    public VideoEncoder encoder() {
        return chosen.orElseThrow(() -> new IllegalStateException(refusal().orElse("no encoder")));
    }

    /**
     * A sentence when the encoder asked for by name does not work here: the broadcast does not start, since the
     * person asked for that one and would not notice a quiet fallback to the processor.
     */
    public Optional<String> refusal() {
        if (chosen.isPresent() || asked.isEmpty()) {
            return Optional.empty();
        }
        VideoEncoder wanted = asked.get();
        String reason = verdicts.stream().filter(v -> v.encoder() == wanted).map(Verdict::reason).findFirst()
                .orElse("it did not start");
        return Optional.of("The " + wanted.optionName() + " encoder (" + wanted.ffmpegName() + ") does not work on"
                + " this computer: " + reason + ". Choose the encoder \"auto\" to use the best one that works, or"
                + " x264 to encode on the processor.");
    }

    /** One line for the chosen encoder, then one for each other and why not: for the log and {@code capture}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        refusal().ifPresentOrElse(lines::add, () -> lines.add("Encoder: " + encoder().ffmpegName() + " ("
                + (asked.isPresent() ? "as asked" : encoder().isHardware() ? "the first that passed its probe"
                : "no hardware encoder passed its probe") + (cached ? ", remembered from an earlier probe" : "")
                + ")"));
        for (Verdict v : verdicts) {
            lines.add("  not " + v.encoder().ffmpegName() + ": " + v.reason());
        }
        return lines;
    }
}

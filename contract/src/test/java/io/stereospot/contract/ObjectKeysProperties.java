package io.stereospot.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The key rules as pure properties: a session id, a chunk name or a segment name is accepted exactly when it has
 * the canonical form, checked against an oracle written character by character (no regex shared with the code
 * under test), over valid values, their near misses and hostile strings.
 */
class ObjectKeysProperties {

    private static final String HEX = "0123456789abcdef";

    @Property(tries = 3000)
    void aSessionIdIsValidExactlyWhenItIsALowerCaseUuidV4(@ForAll("candidateIds") String candidate) {
        boolean canonical = isLowerCaseUuidV4(candidate);
        Statistics.label("canonical id").collect(canonical);
        bothSidesSeen("canonical id");

        assertThat(SessionIds.isValid(candidate)).as("isValid(%s)", escape(candidate)).isEqualTo(canonical);
        if (canonical) {
            assertThat(SessionIds.requireValid(candidate)).isEqualTo(candidate);
            assertThat(ObjectKeys.inputPrefix(candidate)).isEqualTo("stream_input/" + candidate + "/");
            assertThat(ObjectKeys.sessionRecord(candidate)).isEqualTo("stream_sessions/" + candidate + ".json");
        } else {
            // The refusal never echoes the input: it may be headed for a log line.
            assertThatThrownBy(() -> ObjectKeys.inputPrefix(candidate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Session id must be a UUID v4"));
            assertThatThrownBy(() -> ObjectKeys.outputPrefix(candidate)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ObjectKeys.sessionRecord(candidate)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property(tries = 3000)
    void aChunkNameHasAnIndexExactlyWhenItIsCanonical(@ForAll("candidateChunkNames") String name) {
        OptionalInt expected = canonicalIndex(name, "chunk_", ".mp4");
        Statistics.label("canonical chunk name").collect(expected.isPresent());
        bothSidesSeen("canonical chunk name");

        assertThat(ObjectKeys.chunkIndex(name)).as("chunkIndex(%s)", escape(name)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void aSegmentNameHasAnIndexExactlyWhenItIsCanonical(@ForAll("candidateSegmentNames") String name) {
        OptionalInt expected = canonicalIndex(name, "seg_", ".mp4");

        assertThat(ObjectKeys.segmentIndex(name)).as("segmentIndex(%s)", escape(name)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void everyIndexInRangeRoundTripsAndNoOtherIsNamed(@ForAll @IntRange(min = -200_000, max = 200_000) int index,
            @ForAll("validIds") String id) {
        if (index < 0 || index > ObjectKeys.MAX_INDEX) {
            assertThatThrownBy(() -> ObjectKeys.chunkName(index)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ObjectKeys.chunk(id, index)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ObjectKeys.segment(id, index)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        String key = ObjectKeys.chunk(id, index);
        assertThat(key).isEqualTo(ObjectKeys.inputPrefix(id) + ObjectKeys.chunkName(index));
        assertThat(ObjectKeys.chunkIndex(key.substring(ObjectKeys.inputPrefix(id).length()))).hasValue(index);
        String segment = ObjectKeys.segment(id, index);
        assertThat(ObjectKeys.segmentIndex(segment.substring(ObjectKeys.outputPrefix(id).length()))).hasValue(index);
    }

    @Provide
    Arbitrary<String> validIds() {
        return HostileStrings.uuidV4s();
    }

    @Provide
    Arbitrary<String> candidateIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, HostileStrings.uuidV4s()),
                Tuple.of(5, HostileStrings.uuidV4s().flatMap(HostileStrings::nearMisses)),
                Tuple.of(3, HostileStrings.anything()));
    }

    @Provide
    Arbitrary<String> candidateChunkNames() {
        return names("chunk_", ".mp4");
    }

    @Provide
    Arbitrary<String> candidateSegmentNames() {
        return names("seg_", ".mp4");
    }

    private static Arbitrary<String> names(String stem, String extension) {
        Arbitrary<String> canonical = Arbitraries.integers().between(0, ObjectKeys.MAX_INDEX)
                .map(i -> stem + String.format("%05d", i) + extension);
        return Arbitraries.frequencyOf(
                Tuple.of(2, canonical),
                Tuple.of(5, canonical.flatMap(HostileStrings::nearMisses)),
                Tuple.of(3, HostileStrings.anything()));
    }

    /** Fails the property unless at least 10 % of its tries were accepted and 10 % refused. */
    static void bothSidesSeen(String label) {
        Statistics.label(label).coverage(c -> {
            c.check(true).percentage(p -> p >= 10);
            c.check(false).percentage(p -> p >= 10);
        });
    }

    /** The oracle: 8-4-4-4-12 lower-case hex, version nibble 4, variant nibble 8, 9, a or b. */
    static boolean isLowerCaseUuidV4(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash != (c == '-')) {
                return false;
            }
            if (!dash && HEX.indexOf(c) < 0) {
                return false;
            }
        }
        return s.charAt(14) == '4' && "89ab".indexOf(s.charAt(19)) >= 0;
    }

    /** The oracle for file names: stem, exactly five ASCII digits, extension; nothing before or after. */
    static OptionalInt canonicalIndex(String name, String stem, String extension) {
        if (name.length() != stem.length() + 5 + extension.length() || !name.startsWith(stem)
                || !name.endsWith(extension)) {
            return OptionalInt.empty();
        }
        int index = 0;
        for (int i = stem.length(); i < stem.length() + 5; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            index = index * 10 + (c - '0');
        }
        return OptionalInt.of(index);
    }

    /** Control and non-ASCII characters shown as escapes, so a shrunk counter-example is readable. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%x}", cp));
            }
        });
        return s.length() > 200 ? out + "…(" + s.length() + " chars)" : out.toString();
    }
}

package io.stereospot.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The key rules as pure properties: a session id, a chunk name or a segment name is accepted exactly when it has
 * the canonical form, checked against {@link KeyOracle} (written character by character, no regex shared with the
 * code under test), over valid values, their near misses and hostile strings.
 */
class ObjectKeysProperties {

    @Property(tries = 3000)
    void aSessionIdIsValidExactlyWhenItIsALowerCaseUuidV4(@ForAll("candidateIds") String candidate) {
        boolean canonical = KeyOracle.isLowerCaseUuidV4(candidate);
        Statistics.label("canonical id").collect(canonical);
        bothSidesSeen("canonical id");

        assertThat(SessionIds.isValid(candidate)).as("isValid(%s)", HostileStrings.printable(candidate)).isEqualTo(canonical);
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
        OptionalInt expected = KeyOracle.canonicalIndex(name, "chunk_", ".mp4");
        Statistics.label("canonical chunk name").collect(expected.isPresent());
        bothSidesSeen("canonical chunk name");

        assertThat(ObjectKeys.chunkIndex(name)).as("chunkIndex(%s)", HostileStrings.printable(name)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void aSegmentNameHasAnIndexExactlyWhenItIsCanonical(@ForAll("candidateSegmentNames") String name) {
        OptionalInt expected = KeyOracle.canonicalIndex(name, "seg_", ".mp4");

        assertThat(ObjectKeys.segmentIndex(name)).as("segmentIndex(%s)", HostileStrings.printable(name)).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void aKeyIsAChunkExactlyWhenItIsAnyValidSessionsOwnChunkKey(@ForAll("candidateChunkKeys") String key) {
        String id = KeyOracle.sessionBelow("stream_input/", key);
        boolean canonical = id != null && KeyOracle.isOwnChunkKey(id, key);
        Statistics.label("canonical chunk key").collect(canonical);
        bothSidesSeen("canonical chunk key");

        Optional<ChunkKey> parsed = ObjectKeys.parseChunk(key);
        assertThat(parsed.isPresent()).as("parseChunk(%s)", HostileStrings.printable(key)).isEqualTo(canonical);
        if (canonical) {
            int index = KeyOracle.canonicalIndex(key.substring(key.lastIndexOf('/') + 1), "chunk_", ".mp4")
                    .getAsInt();
            assertThat(parsed).hasValue(new ChunkKey(id, index));
            assertThat(parsed.get().key()).isEqualTo(key);
        }
    }

    @Property(tries = 3000)
    void aKeyNamesASessionExactlyWhenItsIdIsCanonical(@ForAll("candidateSessionKeys") String key) {
        String output = KeyOracle.sessionBelow("stream_output/", key);
        String record = KeyOracle.recordSession(key);
        Statistics.label("names a session").collect(output != null || record != null);
        bothSidesSeen("names a session");

        assertThat(ObjectKeys.outputSession(key)).as("outputSession(%s)", HostileStrings.printable(key))
                .isEqualTo(Optional.ofNullable(output));
        assertThat(ObjectKeys.recordSession(key)).as("recordSession(%s)", HostileStrings.printable(key))
                .isEqualTo(Optional.ofNullable(record));
    }

    @Property(tries = 2000)
    void aPlayerSegmentNameHasAnIndexExactlyWhenItIsCanonical(@ForAll("candidateTransportStreamNames") String name) {
        OptionalInt expected = KeyOracle.canonicalIndex(name, "seg_", ".ts");

        assertThat(ObjectKeys.transportStreamIndex(name)).as("transportStreamIndex(%s)", HostileStrings.printable(name))
                .isEqualTo(expected);
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
        assertThat(ObjectKeys.parseChunk(key)).hasValue(new ChunkKey(id, index));
        String segment = ObjectKeys.segment(id, index);
        assertThat(ObjectKeys.segmentIndex(segment.substring(ObjectKeys.outputPrefix(id).length()))).hasValue(index);
        assertThat(ObjectKeys.segmentIndex(id, segment)).hasValue(index);
        assertThat(ObjectKeys.outputSession(segment)).hasValue(id);
        String transportStream = ObjectKeys.transportStream(id, index);
        assertThat(transportStream).isEqualTo(ObjectKeys.outputPrefix(id) + ObjectKeys.transportStreamName(index));
        assertThat(ObjectKeys.transportStreamIndex(ObjectKeys.transportStreamName(index))).hasValue(index);
        assertThat(ObjectKeys.segmentIndex(id, transportStream)).as("the .ts is not the segment").isEmpty();
        assertThat(ObjectKeys.segmentDuration(id, index)).isEqualTo(segment.replace(".mp4", ".json"));
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

    @Provide
    Arbitrary<String> candidateTransportStreamNames() {
        return names("seg_", ".ts");
    }

    @Provide
    Arbitrary<String> candidateChunkKeys() {
        Arbitrary<String> canonical = Combinators.combine(HostileStrings.uuidV4s(),
                Arbitraries.integers().between(0, ObjectKeys.MAX_INDEX)).as(ObjectKeys::chunk);
        return Arbitraries.frequencyOf(
                Tuple.of(3, canonical),
                Tuple.of(5, canonical.flatMap(HostileStrings::nearMisses)),
                Tuple.of(2, HostileStrings.anything()));
    }

    @Provide
    Arbitrary<String> candidateSessionKeys() {
        Arbitrary<String> canonical = Arbitraries.oneOf(
                HostileStrings.uuidV4s().map(ObjectKeys::sessionRecord),
                Combinators.combine(HostileStrings.uuidV4s(), Arbitraries.integers().between(0, ObjectKeys.MAX_INDEX))
                        .as(ObjectKeys::segment),
                HostileStrings.uuidV4s().map(ObjectKeys::outputPrefix));
        return Arbitraries.frequencyOf(
                Tuple.of(3, canonical),
                Tuple.of(5, canonical.flatMap(HostileStrings::nearMisses)),
                Tuple.of(2, HostileStrings.anything()));
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
}

package io.stereospot.server.testing;

import io.stereospot.contract.HostileStrings;
import io.stereospot.contract.ObjectKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Object keys a session's credentials might be pointed at: its own chunk keys (the only ones it may write), near
 * misses of them, hostile suffixes on its granted prefix, another session's prefix, the other top-level folders,
 * traversal out of the prefix (plain, encoded, backslashed, look-alike), and very long keys.
 */
public final class HostileKeys {

    private HostileKeys() {
    }

    public static Arbitrary<String> keys(String ownId, String otherId) {
        String own = ObjectKeys.inputPrefix(ownId);
        String other = ObjectKeys.inputPrefix(otherId);
        Arbitrary<String> chunkName = Arbitraries.integers().between(0, ObjectKeys.MAX_INDEX)
                .map(ObjectKeys::chunkName);
        Arbitrary<String> ownChunk = chunkName.map(n -> own + n);
        Arbitrary<String> traversalTarget = Arbitraries.of(other + "chunk_00001.mp4",
                "stream_sessions/" + otherId + ".json", "stream_output/" + ownId + "/seg_00000.mp4",
                "root-credentials.properties", "sts-credentials/x.properties", "escaped-hostile-key", "tmp/x");
        Arbitrary<String> up = Arbitraries.of("../", "..\\", "%2e%2e/", "%2e%2e%2f", "..%2f", "\uFF0E\uFF0E/",
                "\u2024\u2024/", "..\u2215", "..\uFF0F", ".%2e/", "%252e%252e/", "./../", "..//");
        Arbitrary<String> traversal = Combinators.combine(up, Arbitraries.integers().between(1, 9), traversalTarget)
                .as((step, times, target) -> own + step.repeat(times) + target);
        Arbitrary<String> otherFolder = Combinators.combine(
                        Arbitraries.of("stream_output/" + ownId + "/", "stream_sessions/", "", "store/", "stream_input/",
                                other, "stream_input/" + ownId.toUpperCase() + "/", "/" + own, own + "/", "./" + own),
                        Arbitraries.oneOf(chunkName, HostileStrings.anything()))
                .as((folder, name) -> folder + name);
        return Arbitraries.frequencyOf(
                Tuple.of(4, ownChunk),
                Tuple.of(4, ownChunk.flatMap(HostileStrings::nearMisses)),
                Tuple.of(3, HostileStrings.anything().map(s -> own + s)),
                Tuple.of(1, chunkName.map(n -> other + n)),
                Tuple.of(2, traversal),
                Tuple.of(2, otherFolder),
                Tuple.of(1, HostileStrings.overlong().map(s -> own + s + "chunk_00001.mp4")));
    }
}

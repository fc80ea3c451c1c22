package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stereospot.contract.HostileStrings;
import io.stereospot.contract.KeyOracle;
import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import java.util.ArrayList;
import java.util.List;
import io.stereospot.server.testing.HostileKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The store's upload rule as a pure property: a session's credentials may write a key exactly when the bucket is
 * the granted one and the key is the granted prefix followed by a canonical chunk name ({@link KeyOracle}).
 */
class UploadKeysProperties {

    private static final String BUCKET = "stereospot";

    record Attempt(String ownId, String bucket, String key) {
        @Override
        public String toString() {
            return "Attempt[ownId=" + ownId + ", bucket=" + HostileStrings.printable(bucket) + ", key="
                    + HostileStrings.printable(key) + "]";
        }
    }

    @Property(tries = 3000)
    void aKeyIsAllowedExactlyWhenItIsAChunkUnderTheGrantedPrefix(@ForAll("attempts") Attempt attempt) {
        boolean expected = attempt.bucket().equals(BUCKET) && KeyOracle.isOwnChunkKey(attempt.ownId(), attempt.key());
        Statistics.label("allowed").collect(expected);

        assertThat(UploadKeys.allowed(BUCKET, ObjectKeys.inputPrefix(attempt.ownId()), attempt.bucket(),
                attempt.key())).as("%s", attempt).isEqualTo(expected);
        Statistics.label("allowed").coverage(c -> {
            c.check(true).percentage(p -> p >= 5);
            c.check(false).percentage(p -> p >= 50);
        });
    }

    @Provide
    Arbitrary<Attempt> attempts() {
        Arbitrary<String> buckets = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(BUCKET)),
                Tuple.of(1, Arbitraries.of("other", "stereospot2", "STEREOSPOT", "stereospot/", "", "..",
                        "stereospot\u0000", "stereosp\u043Et", "stereospot ")));
        // A few fixed sessions, not a flatMap over random ids: rebuilding the key generator on every try made
        // the property twenty times slower.
        List<Arbitrary<Attempt>> perSession = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String own = SessionIds.newId();
            String other = SessionIds.newId();
            perSession.add(Combinators.combine(buckets, HostileKeys.keys(own, other))
                    .as((bucket, key) -> new Attempt(own, bucket, key)));
        }
        return Arbitraries.oneOf(perSession);
    }
}

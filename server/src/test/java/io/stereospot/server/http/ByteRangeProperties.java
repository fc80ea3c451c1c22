package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Any Range header against any segment length: an answer, never an exception, and a slice always inside the
 * segment; a well-formed single range gives exactly what RFC 9110 says.
 */
class ByteRangeProperties {

    @Property(tries = 3000)
    void anyHeaderGivesAnAnswerInsideTheSegment(@ForAll("headers") String header,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long totalBytes) {
        ByteRange range = ByteRange.of(header, totalBytes);
        if (range instanceof ByteRange.Slice slice) {
            assertThat(slice.firstByte()).isBetween(0L, slice.lastByte());
            assertThat(slice.lastByte()).isLessThan(totalBytes);
            assertThat(slice.lengthBytes()).isPositive();
        }
        if (header.indexOf(',') >= 0) {
            assertThat(range).isEqualTo(new ByteRange.Whole());
        }
    }

    @Property(tries = 2000)
    void aFirstLastRangeIsThatSliceClippedToTheEnd(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long first,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long last,
            @ForAll @LongRange(min = 1, max = 1L << 40) long totalBytes) {
        ByteRange range = ByteRange.of("bytes=" + first + "-" + last, totalBytes);
        if (last < first) {
            assertThat(range).isEqualTo(new ByteRange.Whole());
        } else if (first >= totalBytes) {
            assertThat(range).isEqualTo(new ByteRange.Unsatisfiable());
        } else {
            assertThat(range).isEqualTo(new ByteRange.Slice(first, Math.min(last, totalBytes - 1)));
        }
    }

    @Property(tries = 1000)
    void aSuffixRangeIsTheLastBytes(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long suffix,
            @ForAll @LongRange(min = 1, max = 1L << 40) long totalBytes) {
        assertThat(ByteRange.of("bytes=-" + suffix, totalBytes))
                .isEqualTo(new ByteRange.Slice(Math.max(0, totalBytes - suffix), totalBytes - 1));
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.strings().numeric().ofMaxLength(40), Arbitraries.of("", "-0", "00", "9223372036854775808"));
        Arbitrary<String> spec = Arbitraries.oneOf(
                number.list().ofMinSize(1).ofMaxSize(3).map(parts -> String.join("-", parts)),
                number.map(n -> n + "-"), number.map(n -> "-" + n));
        Arbitrary<String> specs = spec.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l));
        return Arbitraries.oneOf(
                specs.map(s -> "bytes=" + s),
                Arbitraries.of("bytes", "Bytes", "BYTES", "bytes ", "items", "").flatMap(unit ->
                        specs.map(s -> unit + "=" + s)),
                Arbitraries.strings().withChars("bytes=-,0123456789 \t+.").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.integers().between(1, 2000).map(n -> "bytes=0-1" + ",".repeat(n)));
    }
}

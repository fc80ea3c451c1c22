package io.stereospot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each kind of Range header asks of a 1000-byte segment (RFC 9110 14.1.2). */
class ByteRangeTest {

    private static final long TOTAL = 1000;

    @ParameterizedTest(name = "\"{0}\" -> bytes {1}-{2}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-99       | 0   | 99",
            "bytes=100-199    | 100 | 199",
            "bytes=0-0        | 0   | 0",
            "bytes=999-999    | 999 | 999",
            "bytes=500-       | 500 | 999",
            "bytes=0-         | 0   | 999",
            "bytes=900-5000   | 900 | 999",
            "bytes=900-99999999999999999999999999 | 900 | 999",
            "bytes=-100       | 900 | 999",
            "bytes=-1         | 999 | 999",
            "bytes=-1000      | 0   | 999",
            "bytes=-5000      | 0   | 999",
            "BYTES=10-19      | 10  | 19",
            "bytes = 10-19    | 10  | 19",
            "bytes= 10-19     | 10  | 19",
    })
    void aSingleRangeIsASliceClippedToTheEnd(String header, long first, long last) {
        assertThat(ByteRange.of(header, TOTAL)).isEqualTo(new ByteRange.Slice(first, last));
    }

    @ParameterizedTest(name = "\"{0}\" -> 416")
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0",
            "bytes=99999999999999999999999999-", "bytes=9223372036854775807-9223372036854775807"})
    void aRangeFromPastTheEndIsUnsatisfiable(String header) {
        assertThat(ByteRange.of(header, TOTAL)).isEqualTo(new ByteRange.Unsatisfiable());
    }

    @ParameterizedTest(name = "\"{0}\" -> whole")
    @ValueSource(strings = {"", " ", "bytes", "bytes=", "bytes=-", "bytes=5-3", "bytes=abc", "bytes=a-b",
            "bytes=-5-", "bytes=--5", "bytes=1-2-3", "bytes=+1-2", "bytes=-+5", "bytes=0x10-20", "bytes=1 -2",
            "bytes=0-1,2-3", "bytes=0-1,", "bytes=,0-1", "bytes=0-99,,,,", "items=0-99", "bytes0-99",
            "bytes=٣-٤", "bytes=1e3-2e3", "bytes=-1.5", "bytes=9-8", "bytes=5000-5"})
    void aMalformedOrMultipleRangeIsIgnored(String header) {
        assertThat(ByteRange.of(header, TOTAL)).isEqualTo(new ByteRange.Whole());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-0", "bytes=-1", "bytes=5-"})
    void anEmptySegmentIsSentWhole(String header) {
        assertThat(ByteRange.of(header, 0)).isEqualTo(new ByteRange.Whole());
    }

    @Test
    void noHeaderIsTheWhole() {
        assertThat(ByteRange.of(null, TOTAL)).isEqualTo(new ByteRange.Whole());
    }
}

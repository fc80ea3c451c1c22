package io.stereospot.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadKeysTest {

    private static final String PREFIX = "stream_input/3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b/";

    @ParameterizedTest
    @ValueSource(strings = {"chunk_00000.mp4", "chunk_99999.mp4"})
    void chunkNamesUnderThePrefixAreAllowed(String name) {
        assertThat(UploadKeys.allowed("stereospot", PREFIX, "stereospot", PREFIX + name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "chunk_0.mp4", "chunk_000000.mp4", "chunk_00000.mp4/", "chunk_00000.mp4.exe",
        "../chunk_00000.mp4", "x/../chunk_00000.mp4", "%2e%2e/chunk_00000.mp4", "..\\chunk_00000.mp4",
        "/chunk_00000.mp4", "./chunk_00000.mp4", "chunk_00000.MP4", "chunk_0000\u0661.mp4", "chunk_00000.mp4\n",
        "chunk_00000.mp4\u0000", "CHUNK_00000.mp4", " chunk_00000.mp4"})
    void anythingElseIsRefused(String name) {
        assertThat(UploadKeys.allowed("stereospot", PREFIX, "stereospot", PREFIX + name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"other", "stereospot2", ""})
    void otherBucketsAreRefused(String bucket) {
        assertThat(UploadKeys.allowed("stereospot", PREFIX, bucket, PREFIX + "chunk_00000.mp4")).isFalse();
    }
}

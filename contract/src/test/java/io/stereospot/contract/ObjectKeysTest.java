package io.stereospot.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

    private static final String ID = "3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b";

    @Test
    void namesFollowTheStoreLayout() {
        assertThat(ObjectKeys.chunk(ID, 0)).isEqualTo("stream_input/" + ID + "/chunk_00000.mp4");
        assertThat(ObjectKeys.chunk(ID, 12)).isEqualTo("stream_input/" + ID + "/chunk_00012.mp4");
        assertThat(ObjectKeys.segment(ID, 12)).isEqualTo("stream_output/" + ID + "/seg_00012.mp4");
        assertThat(ObjectKeys.sessionRecord(ID)).isEqualTo("stream_sessions/" + ID + ".json");
    }

    @Test
    void indicesRoundTripThroughFileNames() {
        assertThat(ObjectKeys.chunkIndex(ObjectKeys.chunkName(42))).hasValue(42);
        assertThat(ObjectKeys.segmentIndex("seg_00007.mp4")).hasValue(7);
        assertThat(ObjectKeys.chunkIndex("chunk_7.mp4")).isEmpty();
        assertThat(ObjectKeys.chunkIndex("chunk_00007.mp4.tmp")).isEmpty();
        assertThat(ObjectKeys.segmentIndex("../seg_00007.mp4")).isEmpty();
    }

    @Test
    void keysParseBackToTheirSessionAndIndex() {
        assertThat(ObjectKeys.parseChunk("stream_input/" + ID + "/chunk_00012.mp4")).hasValue(new ChunkKey(ID, 12));
        assertThat(ObjectKeys.parseChunk("stream_input/" + ID + "/sub/chunk_00012.mp4")).isEmpty();
        assertThat(ObjectKeys.parseChunk("stream_output/" + ID + "/chunk_00012.mp4")).isEmpty();
        assertThat(ObjectKeys.parseChunk("stream_input/../chunk_00012.mp4")).isEmpty();
        assertThat(ObjectKeys.parseChunk(null)).isEmpty();

        assertThat(ObjectKeys.outputSession("stream_output/" + ID + "/seg_00001.ts")).hasValue(ID);
        assertThat(ObjectKeys.outputSession("stream_output/" + ID)).as("no slash after the id").isEmpty();
        assertThat(ObjectKeys.outputSession("stream_output/../stream_sessions/x.json")).isEmpty();
        assertThat(ObjectKeys.recordSession("stream_sessions/" + ID + ".json")).hasValue(ID);
        assertThat(ObjectKeys.recordSession("stream_sessions/" + ID + ".json.tmp")).isEmpty();
        assertThat(ObjectKeys.recordSession("stream_sessions/x/" + ID + ".json")).isEmpty();
        assertThat(ObjectKeys.recordSession(null)).isEmpty();

        assertThat(ObjectKeys.segmentIndex(ID, "stream_output/" + ID + "/seg_00003.mp4")).hasValue(3);
        assertThat(ObjectKeys.segmentIndex(ID, "stream_output/" + ID + "/seg_00003.json")).isEmpty();
    }

    @Test
    void aSegmentsSideKeysSitBesideIt() {
        assertThat(ObjectKeys.transportStream(ID, 12)).isEqualTo("stream_output/" + ID + "/seg_00012.ts");
        assertThat(ObjectKeys.segmentDuration(ID, 12)).isEqualTo("stream_output/" + ID + "/seg_00012.json");
        assertThat(ObjectKeys.transportStreamName(7)).isEqualTo("seg_00007.ts");
        assertThat(ObjectKeys.transportStreamIndex("seg_00007.ts")).hasValue(7);
        assertThat(ObjectKeys.transportStreamIndex("seg_7.ts")).isEmpty();
        assertThatThrownBy(() -> ObjectKeys.transportStream(ID, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesIndicesThatDoNotFitTheName() {
        assertThatThrownBy(() -> ObjectKeys.chunk(ID, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKeys.chunk(ID, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../x", "3F2B8C1E-5D4A-4B6F-9A7E-2C1D0E9F8A7B",
            "3f2b8c1e-5d4a-1b6f-9a7e-2c1d0e9f8a7b", "3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7b/..",
            "3f2b8c1e5d4a4b6f9a7e2c1d0e9f8a7b", "3f2b8c1e-5d4a-4b6f-9a7e-2c1d0e9f8a7\u0431"})
    void refusesSessionIdsThatAreNotUuidV4(String id) {
        assertThat(SessionIds.isValid(id)).isFalse();
        assertThatThrownBy(() -> ObjectKeys.inputPrefix(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(id.isEmpty() ? "\u0000" : id);
    }

    @Test
    void newIdsAreValid() {
        assertThat(SessionIds.isValid(SessionIds.newId())).isTrue();
        assertThat(SessionIds.isValid(null)).isFalse();
    }
}

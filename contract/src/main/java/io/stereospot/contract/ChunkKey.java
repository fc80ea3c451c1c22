package io.stereospot.contract;

/** A chunk's place in the store, parsed from {@code stream_input/{session}/chunk_{i:05d}.mp4}. */
public record ChunkKey(String sessionId, int index) {

    public String key() {
        return ObjectKeys.chunk(sessionId, index);
    }
}

package io.stereospot.server.convert;

import io.stereospot.contract.ObjectKeys;
import io.stereospot.contract.SessionIds;
import java.util.Optional;
import java.util.OptionalInt;

/** A chunk's place in the store: {@code stream_input/{session}/chunk_{i:05d}.mp4}. */
record ChunkRef(String sessionId, int index) {

    static Optional<ChunkRef> fromKey(String key) {
        if (key == null || !key.startsWith(ObjectKeys.INPUT_ROOT)) {
            return Optional.empty();
        }
        String rest = key.substring(ObjectKeys.INPUT_ROOT.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !SessionIds.isValid(rest.substring(0, slash))) {
            return Optional.empty();
        }
        OptionalInt index = ObjectKeys.chunkIndex(rest.substring(slash + 1));
        return index.isPresent()
                ? Optional.of(new ChunkRef(rest.substring(0, slash), index.getAsInt()))
                : Optional.empty();
    }
}

package io.stereospot.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What to do with a request body the store will not keep: read it to the end, so the client reads the error
 * response instead of writing into a closed socket (a broken pipe it would retry).
 */
final class RequestBodies {

    private RequestBodies() {
    }

    /** @return the bytes drained, 0 without a body, -1 when the connection failed while draining */
    static long drain(InputStream body) {
        if (body == null) {
            return 0;
        }
        try {
            return body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return -1;
        }
    }
}

package io.stereospot.media.process;

import java.io.IOException;

/** A program ran past its deadline and was killed. */
public final class ProcessTimeoutException extends IOException {
    public ProcessTimeoutException(String message) {
        super(message);
    }
}

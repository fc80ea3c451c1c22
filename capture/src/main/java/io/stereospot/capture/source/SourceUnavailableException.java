package io.stereospot.capture.source;

/** A source could not be listed, found or grabbed; the message is a sentence for a person. */
public class SourceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceUnavailableException(String message) {
        super(message);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

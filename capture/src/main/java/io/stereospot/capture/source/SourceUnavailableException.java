package io.stereospot.capture.source;

/** A source could not be listed, found or grabbed; the message is a sentence for a person. */
public class SourceUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean cancelled;

    public SourceUnavailableException(String message) {
        this(message, false);
    }

    /** @param cancelled the person cancelled the system's screen-sharing dialog */
    public SourceUnavailableException(String message, boolean cancelled) {
        super(message);
        this.cancelled = cancelled;
    }

    /** Whether the person cancelled the system's screen-sharing dialog (rather than something failing). */
    public boolean cancelled() {
        return cancelled;
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
        this.cancelled = false;
    }
}

package io.stereospot.capture.source.portal;

/** The portal could not give us a stream; {@link #kind()} says why, the message says it for a person. */
public final class PortalException extends Exception {

    /** Why the portal gave no stream. */
    public enum Kind {
        /** No session bus, or no ScreenCast portal on it. */
        NO_PORTAL,
        /** The person closed or cancelled the system's sharing dialog (Response code 1). */
        CANCELLED,
        /** The portal answered with an error, or not in time. */
        FAILED
    }

    private final Kind kind;

    public PortalException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

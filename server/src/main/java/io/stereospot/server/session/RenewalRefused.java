package io.stereospot.server.session;

/** A renewal of upload credentials that is refused, and why; the HTTP layer answers each reason with its 4xx. */
public final class RenewalRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why; each has its own answer. */
    public enum Reason {
        /** No session has this id. */
        NO_SUCH_SESSION,
        /** The secret is another session's renewal secret. */
        ANOTHER_SESSIONS_SECRET,
        /** The secret is not this session's (nor any other's). */
        WRONG_SECRET,
        /** The session was created before renewal existed: it has no renewal secret. */
        NOT_RENEWABLE,
        /** The session has ended: its credentials are not renewed any more. */
        ENDED,
        /** The session's byte quota is used up, which ended it. */
        QUOTA_USED_UP
    }

    private final Reason reason;

    RenewalRefused(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

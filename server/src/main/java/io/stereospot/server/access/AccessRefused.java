package io.stereospot.server.access;

/** A request the access rules turn away: its HTTP status (401, 403, 429) and the sentence answered. */
public final class AccessRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    AccessRefused(int status, String sentence) {
        super(sentence, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

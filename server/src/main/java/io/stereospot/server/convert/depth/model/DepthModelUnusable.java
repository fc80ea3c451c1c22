package io.stereospot.server.convert.depth.model;

/** A depth model that could not be fetched or used; the message is a sentence for the person at the window. */
public final class DepthModelUnusable extends Exception {

    private static final long serialVersionUID = 1L;

    public DepthModelUnusable(String sentence) {
        super(sentence);
    }

    public DepthModelUnusable(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}

package io.stereospot.media;

/** FFmpeg could not be made ready on this machine; the message is a sentence for a person. */
public class MediaToolsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MediaToolsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

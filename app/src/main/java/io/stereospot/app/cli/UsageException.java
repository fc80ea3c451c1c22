package io.stereospot.app.cli;

/** Bad command-line arguments; the message is a sentence for the person who typed them. */
public class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

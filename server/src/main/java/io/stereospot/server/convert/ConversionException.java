package io.stereospot.server.convert;

/** A chunk could not be converted; the message carries what the converter said about it. */
public final class ConversionException extends Exception {
    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}

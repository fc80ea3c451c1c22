package io.stereospot.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON fixtures of the contract, read by the contract's own tests and by the server's and client's. */
public final class ContractFixtures {

    public static final String CREATE_SESSION_REQUEST = "create-session-request.json";
    public static final String STREAM_SESSION_RESPONSE = "stream-session-response.json";
    public static final String END_SESSION_RESPONSE = "end-session-response.json";
    public static final String SESSION_STATUS_RESPONSE = "session-status-response.json";
    public static final String ERROR_RESPONSE = "error-response.json";
    public static final String RENEWED_CREDENTIALS_RESPONSE = "renewed-credentials-response.json";

    private ContractFixtures() {
    }

    public static String read(String name) {
        try (InputStream in = ContractFixtures.class.getResourceAsStream("/contract/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No contract fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.stereospot.server.segment;

/**
 * Why a segment is not what the converter would have made, kept in its side object
 * ({@code seg_{i:05d}.json}) beside its duration.
 *
 * @param layout          what it is instead: {@code "sbs"} (flat side-by-side) or {@code "copy"} (the chunk itself)
 * @param conversionError the converter's explanation, without file paths
 */
public record FallbackNote(String layout, String conversionError) {
}

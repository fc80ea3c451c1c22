package io.stereospot.server.convert.depth.model;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the depth model comes from and what a good copy of it looks like. The one place that names the published
 * file, its size and its SHA-256.
 *
 * @param sha256Hex lower-case hex, or empty when no published hash could be found (the check is then skipped and
 *     logged; size, graph and a trial inference are still checked)
 */
public record DepthModelSource(String name, URI url, long minBytes, long maxBytes, String sha256Hex,
        String fileName) {

    /** Overrides {@link #url()} for a mirror or a test server; {@code off} switches the download off. */
    public static final String URL_VARIABLE = "STEREOSPOT_DEPTH_MODEL_URL";
    public static final String URL_PROPERTY = "stereospot.depthModelUrl";

    /**
     * Depth-Anything-V2-Small (Apache-2.0), the onnx-community fp32 export, pinned to the Hugging Face revision
     * 4472b7362082ad9968fee890ca0f1e5aca36b93d so the hash below stays true if {@code main} moves. Size 99,060,839
     * bytes and SHA-256 afb6a5c2…df10c as pinned for this same file (onnx/model.onnx of that repository) by three
     * unrelated public projects found with a code search: a Rust depth engine's config (with the revision and exact
     * size), a Unity editor download tool, and a docs site's model-staging script (with the exact size). The hub
     * itself cannot be reached from our build machines, so the hash was not recomputed here.
     */
    public static final DepthModelSource DEPTH_ANYTHING_V2_SMALL = new DepthModelSource(
            "Depth-Anything-V2-Small",
            URI.create("https://huggingface.co/onnx-community/depth-anything-v2-small/resolve/"
                    + "4472b7362082ad9968fee890ca0f1e5aca36b93d/onnx/model.onnx"),
            95_000_000L, 105_000_000L,
            "afb6a5c28f3b6bf1618c6e43f02073ef9dfdc70e937502d51603e57b0a1df10c",
            "depth-anything-v2-small.onnx");

    public DepthModelSource {
        sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
        if (!sha256Hex.isEmpty() && !sha256Hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A SHA-256 is 64 hex digits, not \"" + sha256Hex + "\".");
        }
        if (minBytes < 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("Bad size range " + minBytes + ".." + maxBytes + " bytes.");
        }
    }

    public Optional<String> sha256() {
        return sha256Hex.isEmpty() ? Optional.empty() : Optional.of(sha256Hex);
    }

    public DepthModelSource withUrl(URI other) {
        return new DepthModelSource(name, other, minBytes, maxBytes, sha256Hex, fileName);
    }

    /**
     * The source this process downloads from: the published model, at the address the system property or the
     * environment variable gives if either is set (the hash and size still apply: a mirror serves the same file),
     * or none when that value is {@code off}.
     */
    public static Optional<DepthModelSource> configured() {
        return configured(System::getProperty, System::getenv);
    }

    static Optional<DepthModelSource> configured(Function<String, String> properties,
            Function<String, String> environment) {
        String override = Optional.ofNullable(properties.apply(URL_PROPERTY))
                .or(() -> Optional.ofNullable(environment.apply(URL_VARIABLE)))
                .map(String::trim).filter(value -> !value.isEmpty()).orElse(null);
        if (override == null) {
            return Optional.of(DEPTH_ANYTHING_V2_SMALL);
        }
        if (override.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        return Optional.of(DEPTH_ANYTHING_V2_SMALL.withUrl(URI.create(override)));
    }
}

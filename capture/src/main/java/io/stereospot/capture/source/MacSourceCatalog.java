package io.stereospot.capture.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Placeholder until the Mac catalog lands: lists nothing and says so. */
final class MacSourceCatalog implements SourceCatalog {

    private final Map<String, String> environment;

    MacSourceCatalog(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Platform platform() {
        return Platform.MACOS;
    }

    @Override
    public List<CaptureSource> videoSources() {
        return List.of();
    }

    @Override
    public List<AudioSource> audioSources() {
        return List.of();
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        throw new SourceUnavailableException("Thumbnails are not available on this system yet.");
    }

    @Override
    public Optional<String> platformWarning() {
        return Optional.of("Capture on this system is not verified yet.");
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        return true;
    }

    @Override
    public Map<String, String> processEnvironment() {
        return environment;
    }
}

package io.stereospot.app.gui.model;

import io.stereospot.capture.source.AudioSource;
import io.stereospot.capture.source.CaptureSource;
import io.stereospot.capture.source.Platform;
import io.stereospot.capture.source.SourceCatalog;
import io.stereospot.capture.source.SourceUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A catalog whose screens and windows the test sets; thumbnails cannot be grabbed (the tiles keep placeholders). */
final class ListedSources implements SourceCatalog {

    private volatile List<CaptureSource> sources;
    private volatile RuntimeException listingFailure;

    ListedSources(CaptureSource... sources) {
        this.sources = List.of(sources);
    }

    void set(CaptureSource... now) {
        sources = List.of(now);
    }

    void failListingWith(RuntimeException failure) {
        listingFailure = failure;
    }

    @Override
    public Platform platform() {
        return Platform.LINUX_X11;
    }

    @Override
    public List<CaptureSource> videoSources() {
        if (listingFailure != null) {
            throw listingFailure;
        }
        return sources;
    }

    @Override
    public List<AudioSource> audioSources() {
        return List.of();
    }

    @Override
    public byte[] thumbnailPng(CaptureSource source, int maxWidth) {
        throw new SourceUnavailableException("no display in this test");
    }

    @Override
    public Optional<String> platformWarning() {
        return Optional.empty();
    }

    @Override
    public boolean isAvailable(CaptureSource source) {
        return sources.contains(source);
    }

    @Override
    public Map<String, String> processEnvironment() {
        return Map.of();
    }
}

package io.stereospot.capture.ffmpeg;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells its owner the moment FFmpeg lists a finished chunk. It waits on file-system events for the segment list
 * (inotify on Linux), so it costs nothing between chunks and reacts within a millisecond or two; it also re-reads
 * the list every {@value #FALLBACK_POLL_MS} ms in case an event is missed or the platform only polls.
 */
public final class SegmentListWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentListWatcher.class);
    private static final long FALLBACK_POLL_MS = 250;

    /** Called on the watcher's thread, in chunk order; {@code completedAtNanos} is {@link System#nanoTime()}. */
    public interface Listener {
        void completed(SegmentListReader.CompletedChunk chunk, long completedAtNanos);
    }

    private final SegmentListReader reader;
    private final Path listName;
    private final WatchService watcher;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;

    public SegmentListWatcher(Path segmentList, Listener listener) throws IOException {
        this.reader = new SegmentListReader(segmentList);
        this.listName = segmentList.getFileName();
        this.listener = listener;
        this.watcher = FileSystems.getDefault().newWatchService();
        segmentList.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::watch, "segment-list-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        try {
            while (running) {
                WatchKey key = watcher.poll(FALLBACK_POLL_MS, TimeUnit.MILLISECONDS);
                boolean listChanged = key == null; // timeout: re-read anyway
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        // FFmpeg writes the chunk files all the time; only the list's own changes matter.
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW || listName.equals(event.context())) {
                            listChanged = true;
                        }
                    }
                    key.reset();
                }
                if (listChanged) {
                    drain();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("Segment list watcher ends");
        }
    }

    /** Reads whatever the list gained and reports it; safe to call from any thread (once FFmpeg has exited). */
    public synchronized void drain() {
        try {
            for (SegmentListReader.CompletedChunk chunk : reader.poll()) {
                long now = System.nanoTime();
                LOG.debug("Chunk {} complete ({} s)", chunk.index(), chunk.durationSeconds());
                listener.completed(chunk, now);
            }
        } catch (IOException e) {
            LOG.warn("Could not read the segment list: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch service: {}", e.getMessage());
        }
        thread.interrupt();
    }
}

package io.stereospot.server.datadir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** Recognises "the disk is full" (ENOSPC, EDQUOT, Windows' ERROR_DISK_FULL) among I/O failures. */
public final class DiskFull {

    /** What the embedded store and STS tell a client when a write found the data dir's disk full. */
    public static final String MESSAGE =
            "The stream server's disk is full: the object was not stored. Try again once space is freed.";

    private DiskFull() {
    }

    /** True when {@code failure} or one of its causes is an I/O error saying the disk or quota is full. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && saysFull(t instanceof FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() : t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean saysFull(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("no space left on device") || m.contains("disk quota exceeded")
                || m.contains("not enough space on the disk");
    }
}

package io.stereospot.media.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/** The last lines a program wrote, as its last words: what went wrong is said last, after any banner. */
final class LineTail {

    private final int size;
    private final Function<String, String> kept;
    private final Deque<String> lines = new ArrayDeque<>();

    /** @param kept a line as it is kept, or null when it is not kept at all */
    LineTail(int size, Function<String, String> kept) {
        this.size = size;
        this.kept = kept;
    }

    synchronized void add(String line) {
        String keep = kept.apply(line);
        if (keep == null) {
            return;
        }
        if (lines.size() == size) {
            lines.removeFirst();
        }
        lines.addLast(keep);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String last() {
        return lines.isEmpty() ? "" : lines.getLast();
    }
}

package io.stereospot.media.testenv;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling; the test-side replacement for {@code Thread.sleep}. */
public final class Await {

    private static final long POLL_MS = 20;

    private Await() {
    }

    /** @throws AssertionError naming {@code what} when the condition is still false at the deadline */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause();
        }
    }

    public static void until(BooleanSupplier condition, Duration timeout) {
        until(condition, timeout, "a condition");
    }

    /** Polls {@code supplier} until it gives a non-null value, and returns it. */
    public static <T> T value(Supplier<T> supplier, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = supplier.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}

package io.stereospot.media.testenv;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling; the test-side replacement for {@code Thread.sleep}. */
public final class Await {

    private static final long POLL_MS = 10;

    private Await() {
    }

    /** @throws AssertionError naming {@code what} when the condition is still false at the deadline */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        value(what, condition::getAsBoolean, Boolean::booleanValue, timeout);
    }

    public static void until(BooleanSupplier condition, Duration timeout) {
        until(condition, timeout, "a condition");
    }

    /** The same, with the description first (reads better when the condition is a long lambda). */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        until(condition, timeout, what);
    }

    /** Polls {@code supplier} until it gives a non-null value, and returns it. */
    public static <T> T value(Supplier<T> supplier, Duration timeout, String what) {
        return value(what, supplier, Objects::nonNull, timeout);
    }

    /** Polls {@code value} until {@code accept} holds for it; returns that value. */
    public static <T> T value(String what, Supplier<T> value, Predicate<T> accept, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!accept.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last value: " + last);
            }
            pause(what);
            last = value.get();
        }
        return last;
    }

    private static void pause(String what) {
        try {
            Thread.sleep(POLL_MS); // the polling step of the wait loop, not a stand-in for synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + what, e);
        }
    }
}

package io.stereospot.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping a guessed time. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration timeout) {
        until(condition, timeout, "the condition");
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            pause(what);
        }
    }

    /** The same, with the description first (reads better when the condition is a long lambda). */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        until(condition, timeout, what);
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
            Thread.sleep(10); // the polling step of the wait loop, not a stand-in for synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + what, e);
        }
    }
}

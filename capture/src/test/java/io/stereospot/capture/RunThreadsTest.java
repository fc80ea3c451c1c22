package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunThreadsTest {

    @Test
    void decisionsRunOneAfterAnotherOnOneDaemonThreadInTheOrderGiven() throws Exception {
        RunThreads threads = new RunThreads();
        List<Integer> order = new CopyOnWriteArrayList<>();
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            threads.decide(() -> {
                order.add(n);
                ranOn.add(Thread.currentThread());
            });
        }
        threads.decide(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        threads.shutdown();

        assertThat(order).hasSize(100).isSorted();
        assertThat(ranOn).singleElement().satisfies(t -> {
            assertThat(t.isDaemon()).isTrue();
            assertThat(t.getName()).isEqualTo("broadcast-control");
        });
    }

    @Test
    void afterShutdownDecisionsAreDroppedNotThrown() throws Exception {
        RunThreads threads = new RunThreads();
        threads.shutdown();
        AtomicInteger ran = new AtomicInteger();
        threads.decide(ran::incrementAndGet);
        threads.every(Duration.ofMillis(1), ran::incrementAndGet);
        threads.after(Duration.ZERO, ran::incrementAndGet);
        assertThat(ran).hasValue(0);
    }

    @Test
    void timersRunUntilCancelled() throws Exception {
        RunThreads threads = new RunThreads();
        try {
            CountDownLatch ticks = new CountDownLatch(3);
            CountDownLatch once = new CountDownLatch(1);
            threads.every(Duration.ofMillis(10), ticks::countDown);
            threads.after(Duration.ofMillis(10), once::countDown);
            assertThat(ticks.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(once.await(10, TimeUnit.SECONDS)).isTrue();

            AtomicInteger late = new AtomicInteger();
            threads.after(Duration.ofHours(1), late::incrementAndGet);
            threads.track(List.of(threads.timers().schedule(late::incrementAndGet, 1, TimeUnit.HOURS)));
            threads.cancelTimers();
            assertThat(threads.timers().shutdownNow()).as("what was left to run is cancelled").hasSizeBetween(2, 3)
                    .allSatisfy(task -> assertThat(((Future<?>) task).isCancelled()).isTrue());
            assertThat(late).hasValue(0);
        } finally {
            threads.shutdown();
        }
    }
}

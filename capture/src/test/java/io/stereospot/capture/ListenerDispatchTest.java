package io.stereospot.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ListenerDispatchTest {

    /** Hears warnings; the one saying "throw" throws. */
    private static class Warnings implements BroadcastListener {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final List<Boolean> onDispatchThread = new CopyOnWriteArrayList<>();
        ListenerDispatch dispatch;

        @Override
        public void warning(String sentence) {
            heard.add(sentence);
            onDispatchThread.add(dispatch.onListenerThread());
            if (sentence.equals("throw")) {
                throw new IllegalStateException("a listener bug");
            }
        }
    }

    @Test
    void callsFromManyThreadsArriveOneAtATimeInTheOrderTheyWereToldAndAThrowDoesNotStopThem()
            throws Exception {
        Warnings listener = new Warnings();
        ListenerDispatch dispatch = new ListenerDispatch(listener);
        listener.dispatch = dispatch;
        List<String> told = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Object order = new Object();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    String sentence = i == 25 && thread == 0 ? "throw" : thread + "-" + i;
                    synchronized (order) {
                        told.add(sentence);
                        dispatch.tell(l -> l.warning(sentence));
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        dispatch.close(Duration.ofSeconds(10));

        assertThat(listener.heard).containsExactlyElementsOf(told);
        assertThat(listener.onDispatchThread).hasSize(200).containsOnly(true);
        assertThat(dispatch.onListenerThread()).isFalse();
    }

    @Test
    void closeLetsTheListenerHearEverythingToldSoFarAndDropsWhatComesAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Warnings listener = new Warnings() {
            @Override
            public void warning(String sentence) {
                if (sentence.equals("slow")) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.warning(sentence);
            }
        };
        ListenerDispatch dispatch = new ListenerDispatch(listener);
        listener.dispatch = dispatch;
        dispatch.tell(l -> l.warning("slow"));
        dispatch.tell(l -> l.warning("queued behind it"));
        AtomicBoolean closed = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            dispatch.close(Duration.ofSeconds(10));
            closed.set(true);
        });
        closer.start();
        release.countDown();
        closer.join();

        assertThat(closed).isTrue();
        assertThat(listener.heard).containsExactly("slow", "queued behind it");
        dispatch.tell(l -> l.warning("after the end"));
        assertThat(listener.heard).containsExactly("slow", "queued behind it");
    }
}

package dev.loanflow.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

class ConcurrentKeysTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentKeys keys = new ConcurrentKeys(threads, TraceContexts.none());
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void recordsOfDifferentKeysAreHandledAtOnce() {
        CountDownLatch bothStarted = new CountDownLatch(2);

        keys.handle(List.of(record(0, "a", "a1"), record(1, "b", "b1")), record -> {
            bothStarted.countDown();
            assertThat(await(bothStarted)).as("the other key's record started while this one waited").isTrue();
            handled.add(record.value());
        });

        assertThat(handled).containsExactlyInAnyOrder("a1", "b1");
    }

    @Test
    void recordsOfOneKeyAreHandledInOrder() {
        keys.handle(List.of(record(0, "a", "a1"), record(1, "b", "b1"), record(2, "a", "a2"), record(3, "a", "a3")), record -> {
            if (record.value().equals("a1")) {
                pause(100);
            }
            handled.add(record.value());
        });

        assertThat(handled.stream().filter(value -> value.startsWith("a"))).containsExactly("a1", "a2", "a3");
    }

    @Test
    void theEarliestFailedRecordIsReportedAndItsKeyStops() {
        List<ConsumerRecord<String, String>> poll = List.of(record(0, "a", "a1"), record(1, "b", "b1"),
                record(2, "b", "b2"), record(3, "a", "a2"), record(4, "c", "c1"));

        assertThatThrownBy(() -> keys.handle(poll, record -> {
            if (record.value().equals("b1") || record.value().equals("c1")) {
                throw new IllegalStateException("bank unavailable for " + record.value());
            }
            handled.add(record.value());
        })).isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
            assertThat(failed.getIndex()).isEqualTo(1);
            assertThat(failed.getCause()).hasMessage("bank unavailable for b1");
        });
        assertThat(handled).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void anUnreadableRecordStopsThePollAfterTheRecordsBeforeIt() {
        List<ConsumerRecord<String, String>> poll = List.of(record(0, "a", "a1"), record(1, "b", "b1"),
                record(2, "a", null), record(3, "c", "c1"));

        assertThatThrownBy(() -> keys.handle(poll, record -> handled.add(record.value())))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> assertThat(failed.getIndex()).isEqualTo(2));
        assertThat(handled).containsExactlyInAnyOrder("a1", "b1");
    }

    private static ConsumerRecord<String, String> record(long offset, String key, String value) {
        return new ConsumerRecord<>("bank-requests", 0, offset, key, value);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

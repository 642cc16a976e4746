package dev.loanflow.eventing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Handles a poll's records of different keys at once and the records of one key in order, for listeners whose
 * records wait on the network: one consumer per partition handling its records one after another lets a slow bank
 * queue a partition's records behind each other. Records that fail stop their key; once every key is done, the
 * earliest failed record is reported to the error handler by its index, which keeps the records before it and
 * delivers it and every record after it again (records of other keys after it that were already handled come again,
 * which a consumer that deduplicates by event id ignores). An unreadable record (no value) is reported the same way,
 * after the records before it. Each record is handled in its own trace, with its key in the log context.
 */
public final class ConcurrentKeys {

    private final Executor executor;
    private final TraceContexts traces;

    public ConcurrentKeys(Executor executor, TraceContexts traces) {
        this.executor = executor;
        this.traces = traces;
    }

    public <V> void handle(List<ConsumerRecord<String, V>> records, Consumer<ConsumerRecord<String, V>> handler) {
        int readable = RecordContext.readableBefore(records);
        Map<String, List<Integer>> indexesByKey = new LinkedHashMap<>();
        for (int index = 0; index < readable; index++) {
            indexesByKey.computeIfAbsent(records.get(index).key(), key -> new ArrayList<>()).add(index);
        }
        // the consumer's own thread takes the first key, so a poll of one key (the usual poll when the load is light)
        // never leaves it
        List<List<Integer>> keys = List.copyOf(indexesByKey.values());
        List<CompletableFuture<Optional<Failure>>> others = keys.stream().skip(1)
                .map(indexes -> CompletableFuture.supplyAsync(() -> inOrder(records, indexes, handler), executor)).toList();
        Optional<Failure> first = keys.isEmpty() ? Optional.empty() : inOrder(records, keys.get(0), handler);
        Optional<Failure> earliest = Stream.concat(Stream.of(first), others.stream().map(CompletableFuture::join))
                .flatMap(Optional::stream).min(Comparator.comparingInt(Failure::index));
        if (earliest.isPresent()) {
            throw new BatchListenerFailedException("handling failed", earliest.get().cause(), earliest.get().index());
        }
        if (readable < records.size()) {
            throw new BatchListenerFailedException("unreadable record", RecordContext.whyUnreadable(records.get(readable)),
                    readable);
        }
    }

    private <V> Optional<Failure> inOrder(List<ConsumerRecord<String, V>> records, List<Integer> indexes,
                                          Consumer<ConsumerRecord<String, V>> handler) {
        for (int index : indexes) {
            try {
                RecordContext.handle(traces, records.get(index), handler);
            } catch (RuntimeException failed) {
                return Optional.of(new Failure(index, failed));
            }
        }
        return Optional.empty();
    }

    private record Failure(int index, RuntimeException cause) {
    }
}
